package io.kronforce.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An unpacked image run as a container engine would, without one: new mount and PID namespaces
 * ({@code unshare}), {@code /proc} and {@code /dev} mounted, the root changed to the image
 * ({@code chroot}) as the image's user, only the image's environment (plus overrides), its working
 * folder, its entry point and command. Every step execs the next, so the entry point's process is
 * PID 1 of the namespace, as in a container. The network is the host's (tests dial loopback).
 */
final class Container implements AutoCloseable {
    private final Process unshare;
    private final Path log;
    private final long startedNanos;

    private Container(Process unshare, Path log, long startedNanos) {
        this.unshare = unshare;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    static Container start(ImageTar image, Map<String, String> envOverrides, List<String> args, Path log)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>(image.env());
        env.putAll(envOverrides);
        String root = image.rootfs.toString();
        List<String> argv = new ArrayList<>(List.of(
                "unshare",
                "--mount",
                "--pid",
                "--fork",
                "--",
                "sh",
                "-c",
                "mount -t proc proc \"$0/proc\" && mount --rbind /dev \"$0/dev\" && exec \"$@\"",
                root,
                "env",
                "-i"));
        env.forEach((k, v) -> argv.add(k + "=" + v));
        argv.addAll(List.of(
                "/usr/sbin/chroot",
                "--userspec=" + image.user(),
                root,
                "/bin/sh",
                "-c",
                "cd \"$0\" && exec \"$@\"",
                image.workingDir()));
        argv.addAll(image.entrypoint());
        argv.addAll(args.isEmpty() ? image.cmd() : args);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(argv)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        p.getOutputStream().close();
        return new Container(p, log, t0);
    }

    /** The entry point's process as the host sees it: the namespace's PID 1, once it has started. */
    Optional<ProcessHandle> pid1() {
        return unshare.toHandle().children().findFirst();
    }

    /** Its PID inside the namespace, read from {@code /proc/PID/status} ({@code NSpid: host ns}). */
    static long namespacePid(ProcessHandle p) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith("NSpid:")) {
                String[] ids = line.substring(6).trim().split("\\s+");
                return Long.parseLong(ids[ids.length - 1]);
            }
        }
        throw new IOException("no NSpid in /proc/" + p.pid() + "/status");
    }

    /** What {@code docker stop} does first: SIGTERM to PID 1. */
    void sigterm() {
        pid1().ifPresent(ProcessHandle::destroy);
    }

    /** The container's exit status (the entry point's), or -1 when it has not ended within the wait. */
    int awaitExit(long seconds) throws InterruptedException {
        return unshare.waitFor(seconds, TimeUnit.SECONDS) ? unshare.exitValue() : -1;
    }

    /** {@link System#nanoTime()} just before the container was started. */
    long startedNanos() {
        return startedNanos;
    }

    boolean alive() {
        return unshare.isAlive();
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        if (unshare.isAlive()) {
            pid1().ifPresent(ProcessHandle::destroyForcibly);
            unshare.destroyForcibly();
            unshare.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
