package io.kronforce.controller.replication;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
    private final Listener listener;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final AtomicLong restarts = new AtomicLong();
    private final Thread thread;
    private volatile Process current;

    LitestreamSupervisor(LitestreamCommand command, Listener listener) {
        this.command = command;
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("kronforce-litestream").daemon(true).unstarted(this::loop);
    }

    void start() {
        thread.start();
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

    /** SIGTERM, then wait for the final sync; SIGKILL only if it does not end within 30 s. */
    @Override
    public void close() {
        Process p;
        synchronized (this) {
            stopping.countDown();
            p = current;
        }
        if (p != null && p.isAlive()) {
            p.destroy();
            try {
                if (!p.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warning("litestream did not stop within " + STOP_WAIT.toSeconds() + " s of SIGTERM; killing it");
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
