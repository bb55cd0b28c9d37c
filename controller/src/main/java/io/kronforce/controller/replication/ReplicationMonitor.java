package io.kronforce.controller.replication;

import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Keeps the replication state from what the supervisor reports (lines, starts, exits) and from
 * Litestream's metrics, and tells a listener when replication turns unhealthy and healthy again.
 * Unhealthy: the child is not running, or it logged an error after its last upload.
 */
final class ReplicationMonitor implements LitestreamSupervisor.Listener {
    /** A change of health: {@code failed} true when replication stopped working. */
    record Change(boolean failed, String reason, double downSeconds) {}

    private final String url;
    private final InstantSource clock;
    private final BiConsumer<Change, ReplicationState> onChange;
    private final long startedMs;
    private final AtomicLong errors = new AtomicLong();
    private volatile boolean running;
    private volatile long lastUploadMs = -1;
    private volatile long lastErrorMs = -1;
    private volatile long lastCaughtUpMs = -1;
    private volatile boolean quiet;
    private volatile String lastError;
    private volatile long downSinceMs;
    private volatile long downTotalMs;
    private volatile long pending = -1;
    private volatile long litestreamSyncErrors;
    private long failedAtMs = -1; // guarded by this
    private boolean reportedFailed; // guarded by this

    ReplicationMonitor(String url, InstantSource clock, BiConsumer<Change, ReplicationState> onChange) {
        this.url = url;
        this.clock = clock;
        this.onChange = onChange;
        this.startedMs = clock.millis();
        this.downSinceMs = startedMs;
    }

    @Override
    public void line(LitestreamLine line) {
        if (line.upload()) {
            lastUploadMs = clock.millis();
        } else if (line.error()) {
            errors.incrementAndGet();
            lastErrorMs = clock.millis();
            lastError = line.text();
        }
        evaluate();
    }

    @Override
    public void started(long pid) {
        if (!running) {
            downTotalMs += clock.millis() - downSinceMs;
        }
        running = true;
        evaluate();
    }

    @Override
    public void exited(int code) {
        if (running) {
            downSinceMs = clock.millis();
        }
        running = false;
        lastError = "litestream exited with " + code;
        evaluate();
    }

    /** A metrics sample (or none, when Litestream did not answer). */
    void sample(LitestreamMetrics.Sample sample) {
        pending = sample == null ? -1 : sample.pendingBytes();
        if (sample != null) {
            litestreamSyncErrors = sample.syncErrors();
            if (sample.pendingBytes() == 0) {
                lastCaughtUpMs = clock.millis();
            }
        }
        evaluate();
    }

    private boolean healthy() {
        // Caught up (nothing pending) after an error also counts: there was nothing left to upload.
        return running && lastErrorMs <= Math.max(lastUploadMs, lastCaughtUpMs);
    }

    /** From now on no change is reported: the controller is stopping and the child with it. */
    void quiet() {
        quiet = true;
    }

    private synchronized void evaluate() {
        if (quiet) {
            return;
        }
        boolean healthy = healthy();
        if (!healthy && !reportedFailed) {
            reportedFailed = true;
            failedAtMs = clock.millis();
            onChange.accept(
                    new Change(
                            true,
                            running
                                    ? "litestream reports: " + lastError
                                    : "litestream is not running (" + lastError + ")",
                            0),
                    state(0));
        } else if (healthy && reportedFailed) {
            reportedFailed = false;
            double gap = (clock.millis() - failedAtMs) / 1000.0;
            onChange.accept(new Change(false, "replication works again after " + gap + " s", gap), state(0));
        }
    }

    /** The state now; {@code restarts} is the supervisor's count. */
    ReplicationState state(long restarts) {
        long now = clock.millis();
        long since = now - (lastUploadMs < 0 ? startedMs : lastUploadMs);
        long down = downTotalMs + (running ? 0 : now - downSinceMs);
        return new ReplicationState(
                url,
                running,
                healthy(),
                since / 1000.0,
                pending,
                Math.max(errors.get(), litestreamSyncErrors),
                restarts,
                down / 1000.0,
                lastError);
    }
}
