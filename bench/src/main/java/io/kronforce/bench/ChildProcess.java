package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file and which is always ended: by {@link #close()},
 * or by a JVM shutdown hook if the driver dies first (Ctrl-C, an exception, a hard limit).
 */
public final class ChildProcess implements AutoCloseable {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly)));
    }

    private final Process process;
    private final Path log;
    private final long startedNanos;

    private ChildProcess(Process process, Path log, long startedNanos) {
        this.process = process;
        this.log = log;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code command} in {@code workDir} with extra {@code env}; stdout and stderr go to {@code log}. */
    public static ChildProcess start(List<String> command, Map<String, String> env, Path workDir, Path log)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        long started = System.nanoTime();
        Process process = builder.start();
        LIVE.add(process);
        return new ChildProcess(process, log, started);
    }

    /** {@code java} of the JDK running the driver, with the flags every measured JVM gets. */
    public static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same heap cap as ./kronforce, so baselines and controller run under equal terms.
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
        // For profiling a run by hand, e.g. BENCH_CHILD_JVM_OPTS=-XX:StartFlightRecording=filename=c.jfr
        String extra = System.getenv("BENCH_CHILD_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(args));
        return command;
    }

    /** {@link System#nanoTime()} just before the process was spawned. */
    public long startedNanos() {
        return startedNanos;
    }

    /** The operating system's process id (for {@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Resident set size from {@code /proc/<pid>/status} (VmRSS), in MiB. */
    public double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + process.pid());
    }

    /**
     * CPU time the process has used so far, user + system, in ms, from {@code /proc/<pid>/stat}
     * (fields 14 and 15, in clock ticks; USER_HZ is 100 on every Linux we run on).
     */
    public long cpuMillis() throws IOException {
        return ticks(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"))) * 10;
    }

    /**
     * CPU time the JIT compiler threads ({@code C1/C2 CompilerThread…}) have used so far, in ms,
     * from {@code /proc/<pid>/task/<tid>/stat}: while it grows, the process is still compiling its
     * hot path and a throughput measured now is partly the JIT's.
     */
    public long compilerCpuMillis() throws IOException {
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).contains("CompilerThre")) {
                    ticks += ticks(stat);
                }
            }
        }
        return ticks * 10;
    }

    /** utime + stime of a {@code stat} line, in clock ticks (USER_HZ is 100 on every Linux we run on). */
    private static long ticks(String stat) {
        // The command name (field 2) may contain spaces; the fields after it follow the last ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime
    }

    /** Waits until the log has a line starting with {@code prefix}; returns the rest of that line. */
    public String awaitLine(String prefix, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            if (!process.isAlive()) {
                throw new IOException("child exited (" + process.exitValue() + "): " + logTail());
            }
            Thread.sleep(10);
        }
        throw new IOException("no '" + prefix + "' line within " + timeout + ": " + logTail());
    }

    /** The last lines of the child's output, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Asks the process to stop (SIGTERM), then kills it after 10 s, or at once if interrupted. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /**
     * Asks the process to stop (SIGTERM), then kills it after {@code grace}, or at once if
     * interrupted; for a process with work to finish at exit (writing an AOT cache).
     */
    public void stop(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        if (!process.isAlive()) {
            LIVE.remove(process); // else the shutdown hook tries once more
        }
    }
}
