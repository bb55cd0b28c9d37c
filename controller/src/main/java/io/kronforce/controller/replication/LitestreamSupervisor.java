package io.kronforce.controller.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs {@code litestream replicate} as a child process for as long as the controller runs: its
 * log lines go to ours (and to a listener), and when it dies it is started again after a backoff
 * (1 s doubling to 30 s; back to 1 s after a minute of running). {@link #close} sends SIGTERM,
 * on which Litestream makes a final sync, and waits for it.
 */
final class LitestreamSupervisor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LitestreamSupervisor.class.getName());
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration STEADY = Duration.ofMinutes(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    /** What the supervisor saw happen to the child. */
    interface Listener {
        void line(LitestreamLine line);

        void started(long pid);

        void exited(int code);
    }

    private final LitestreamCommand command;
    private final Path pidFile;
    private final Listener listener;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong restarts = new AtomicLong();
    private final Thread thread;
    private volatile Process current;

    /** @param pidFile where the child's pid is kept, to end an orphan a killed controller left behind */
    LitestreamSupervisor(LitestreamCommand command, Path pidFile, Listener listener) {
        this.command = command;
        this.pidFile = pidFile;
        this.listener = listener;
        this.thread =
                Thread.ofPlatform().name("kronforce-litestream").daemon(true).unstarted(this::loop);
    }

    void start() {
        endOrphan();
        thread.start();
    }

    /** SIGKILL to the child recorded in {@code pidFile}, without a final sync (the lease is lost). */
    static void killRecorded(Path pidFile) {
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            ProcessHandle.of(pid)
                    .filter(h -> h.info()
                            .command()
                            .map(c -> c.endsWith("litestream"))
                            .orElse(false))
                    .ifPresent(ProcessHandle::destroyForcibly);
        } catch (IOException | NumberFormatException e) {
            LOG.fine("no Litestream to kill: " + e.getMessage());
        }
    }

    /**
     * A controller killed with SIGKILL leaves its Litestream running (it dies only at its next log
     * line, on the broken pipe). Two replicators on one file must not run: end the old one first.
     */
    private void endOrphan() {
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> old = ProcessHandle.of(pid)
                    .filter(h -> h.info()
                            .command()
                            .map(c -> c.endsWith("litestream"))
                            .orElse(false));
            if (old.isPresent()) {
                LOG.warning("ending Litestream " + pid + " left running by an earlier controller");
                old.get().destroy();
                old.get().onExit().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IOException | NumberFormatException | ExecutionException | TimeoutException e) {
            LOG.warning("could not check for a leftover Litestream: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean running() {
        Process p = current;
        return p != null && p.isAlive();
    }

    long restarts() {
        return restarts.get();
    }

    private void loop() {
        Duration backoff = FIRST_BACKOFF;
        while (stopping.getCount() > 0) {
            long started = System.nanoTime();
            int code = runOnce();
            if (stopping.getCount() == 0) {
                return;
            }
            if (System.nanoTime() - started > STEADY.toNanos()) {
                backoff = FIRST_BACKOFF;
            }
            LOG.warning("litestream exited with " + code + "; starting it again in " + backoff.toMillis() + " ms");
            try {
                if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            restarts.incrementAndGet();
        }
    }

    /** Waits for the process to end, through interrupts (the caller restores the flag it found). */
    private static boolean awaitUninterruptibly(Process p, Duration limit) {
        long until = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return p.waitFor(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                // keep waiting: the final sync matters more than a prompt return at shutdown
            }
        }
    }

    /** Starts the child, passes its output on until it ends, returns its exit code (-1: did not start). */
    private int runOnce() {
        Process p;
        synchronized (this) {
            if (stopping.getCount() == 0) {
                return 0;
            }
            try {
                p = command.replicate().start();
            } catch (IOException e) {
                LOG.log(Level.SEVERE, "cannot start litestream", e);
                listener.exited(-1);
                return -1;
            }
            current = p;
        }
        try {
            Files.writeString(pidFile, Long.toString(p.pid()));
        } catch (IOException e) {
            LOG.warning("cannot write " + pidFile + ": " + e.getMessage());
        }
        listener.started(p.pid());
        try {
            p.getOutputStream().close();
        } catch (IOException ignored) {
            // nothing was written to it
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text; (text = r.readLine()) != null; ) {
                LitestreamLine line = LitestreamLine.parse(text);
                LOG.log(line.error() ? Level.WARNING : Level.INFO, "litestream: " + text);
                listener.line(line);
            }
        } catch (IOException e) {
            LOG.fine("litestream output closed: " + e.getMessage());
        }
        int code;
        try {
            code = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        listener.exited(code);
        return code;
    }

    /**
     * SIGTERM, then wait for the final sync; SIGKILL only if it does not end within 30 s. The wait
     * ignores interrupts (restoring the flag after): a shutdown path that left the calling thread
     * interrupted must not cut the final sync short.
     */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopping.countDown();
            p = current;
        }
        boolean interrupted = Thread.interrupted();
        if (p != null && p.isAlive()) {
            long started = System.nanoTime();
            // Through the handle: Process.destroy() also closes our end of its output pipe, and
            // Litestream, logging "signal received", would die of SIGPIPE before its final sync.
            p.toHandle().destroy();
            if (!awaitUninterruptibly(p, STOP_WAIT)) {
                LOG.warning("litestream did not stop within " + STOP_WAIT.toSeconds() + " s of SIGTERM; killing it");
                p.destroyForcibly();
                awaitUninterruptibly(p, Duration.ofSeconds(5));
            }
            LOG.info("litestream stopped after its final sync (exit " + (p.isAlive() ? "?" : p.exitValue()) + ", "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms)");
        }
        long until = System.nanoTime() + STOP_WAIT.toNanos();
        while (thread.isAlive() && System.nanoTime() < until) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                // as above
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            LOG.fine("cannot delete " + pidFile);
        }
    }
}
