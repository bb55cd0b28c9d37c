package io.kronforce.controller.exec;

import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.RunLogRecord;
import io.kronforce.worker.host.Fatal;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.HostedResult;
import io.kronforce.worker.host.StopReason;
import io.kronforce.worker.host.TaskHost;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs executions inside the controller, one virtual thread each, at most {@code maxConcurrent}
 * at once (the rest wait their turn in order of arrival). Each run goes through the worker
 * runtime's {@link TaskHost}, as on an agent: it binds the task to its handler, runs it with the
 * deadline and the stop switch, and captures capped output. This class adds what only the
 * controller needs: the slots, the {@link RunListener} calls, live output for SSE viewers, secret
 * masking, and the shutdown grace. Each run in flight is an {@link InFlight}.
 */
public final class LocalExecutor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalExecutor.class.getName());

    private final TaskHost host;
    private final RunListener listener;
    private final InstantSource clock;
    private final Semaphore slots;
    private final Map<String, InFlight> running = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    public LocalExecutor(HandlerCatalog handlers, RunListener listener, InstantSource clock, int maxConcurrent) {
        this(handlers, listener, clock, maxConcurrent, TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
    }

    /** With another output cap per stream (UTF-8 bytes); tests use a small one. */
    LocalExecutor(
            HandlerCatalog handlers,
            RunListener listener,
            InstantSource clock,
            int maxConcurrent,
            long outputCapBytes) {
        this.host = new TaskHost(handlers, clock, outputCapBytes, "controller");
        this.listener = listener;
        this.clock = clock;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    /**
     * A slot taken before the run is recorded, so its row can be stored already {@code running}: the
     * start then costs no write of its own. Held by {@link #submit(LocalRun, Slot)} from then on, or
     * given back with {@link #release()} when the run is not started after all. Thread-safe; releasing twice is harmless.
     */
    public final class Slot {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Slot() {}

        /** Gives the slot back unused. */
        public void release() {
            if (held.compareAndSet(true, false)) {
                slots.release();
            }
        }

        /** Hands the slot to a run; false when it was already released. */
        private boolean handOver() {
            return held.compareAndSet(true, false);
        }
    }

    /**
     * A free slot taken now, or empty when every slot is busy (or shutdown has begun). Honours the
     * order of runs already waiting: a run never overtakes one queued before it.
     */
    public Optional<Slot> reserve() {
        if (!accepting) {
            return Optional.empty();
        }
        try {
            // The timed form keeps the semaphore's fairness; the untimed tryAcquire would barge past waiting runs.
            return slots.tryAcquire(0, TimeUnit.MILLISECONDS) ? Optional.of(new Slot()) : Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Queues a run. Returns false (and runs nothing) once shutdown has begun. */
    public boolean submit(LocalRun run) {
        if (!accepting) {
            return false;
        }
        launch(run, false);
        return true;
    }

    /**
     * Starts a run whose row was stored {@code running} with the reserved {@code slot}: no start is
     * reported to the listener, the finish carries the moment the body began. A shutdown begun since
     * the reservation does not refuse it (its row says running; the shutdown grace and stop apply to it
     * like any run). Returns false, running nothing, only when the slot was released already.
     */
    public boolean submit(LocalRun run, Slot slot) {
        if (!slot.handOver()) {
            return false;
        }
        launch(run, true);
        return true;
    }

    private void launch(LocalRun run, boolean slotHeld) {
        InFlight local = new InFlight(run, host, listener, slotHeld);
        running.put(run.executionId(), local);
        Thread.ofVirtual().name("run-" + run.executionId()).start(() -> runGuarded(local, slotHeld));
    }

    private void runGuarded(InFlight local, boolean slotHeld) {
        boolean acquired = slotHeld || acquireSlot();
        Throwable fatal = null;
        RunResult result;
        try {
            result = masked(
                    acquired
                            ? runWithSlot(local)
                            : host.notStarted(local.hosted, local.stopped().orElse(StopReason.CANCEL)),
                    local.run.mask(),
                    local.bodyStartedAtMs());
        } catch (Throwable t) {
            // The task host turns a handler's failures into results; this is anything else. A fatal
            // error too is recorded first (the run must not stay running), then rethrown (Fatal).
            severe(local.run.executionId(), "local run %s failed unexpectedly", t);
            fatal = Fatal.is(t) ? t : null;
            result = new RunResult(
                    ExecutionStatus.FAILED,
                    null,
                    "",
                    "internal error while running the task: " + t,
                    false,
                    false,
                    clock.millis(),
                    local.bodyStartedAtMs());
        }
        // The slot is held until the result is recorded: otherwise a queued run could start while
        // the finished one is still recorded as running, exceeding maxConcurrent. The run stays in
        // `running` as long, so shutdown() waits for the record instead of closing the database under it.
        try {
            local.live.finish();
            listener.finished(local.run.executionId(), result);
        } catch (Throwable t) {
            // The listener closes the run itself when it can; the row keeps its last state otherwise,
            // and start-up recovery closes it on the next start.
            severe(local.run.executionId(), "recording the result of %s failed", t);
            fatal = fatal == null && Fatal.is(t) ? t : fatal;
        } finally {
            running.remove(local.run.executionId());
            if (acquired) {
                slots.release();
            }
        }
        if (fatal != null) {
            Fatal.rethrowIfFatal(fatal);
        }
    }

    private boolean acquireSlot() {
        try {
            slots.acquire();
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** A run stopped while it waited for its slot never starts (and is never reported started). */
    private HostedResult runWithSlot(InFlight local) {
        Optional<StopReason> early = local.stopped();
        return early.isPresent() ? host.notStarted(local.hosted, early.get()) : host.execute(local.hosted, local);
    }

    private static RunResult masked(HostedResult r, SecretMask mask, Long startedAtMs) {
        ExecutionStatus status = switch (r.status()) {
            case SUCCEEDED -> ExecutionStatus.SUCCEEDED;
            case FAILED -> ExecutionStatus.FAILED;
            case TIMED_OUT -> ExecutionStatus.TIMED_OUT;
            case CANCELLED -> ExecutionStatus.CANCELLED;
        };
        return new RunResult(
                status,
                r.exitCode(),
                mask.apply(r.stdout()),
                mask.apply(r.stderr()),
                r.stdoutTruncated(),
                r.stderrTruncated(),
                r.finishedAt().toEpochMilli(),
                startedAtMs);
    }

    /** Cancels a run of this controller; false when it is not running here. */
    public boolean cancel(String executionId) {
        InFlight local = running.get(executionId);
        if (local == null) {
            return false;
        }
        local.stop(StopReason.CANCEL);
        return true;
    }

    /** The live output of a run of this controller, while it runs. */
    public Optional<LiveOutput> live(String executionId) {
        return Optional.ofNullable(running.get(executionId)).map(l -> l.live);
    }

    public int runningCount() {
        return running.size();
    }

    /**
     * Stops taking work, waits up to {@code grace} for running executions, then stops the rest
     * (recorded as cancelled with the note "job cancelled: controller shutting down") and waits for
     * their results to be recorded.
     */
    public void shutdown(Duration grace) {
        accepting = false;
        long until = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < until) {
            sleepQuietly(50);
        }
        running.values().forEach(l -> l.stop(StopReason.SHUTDOWN));
        long hardUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!running.isEmpty() && System.nanoTime() < hardUntil) {
            sleepQuietly(20);
        }
        host.close();
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        shutdown(Duration.ZERO);
    }

    private static void severe(String executionId, String message, Throwable thrown) {
        RunLogRecord.log(LOG, Level.SEVERE, message.formatted(executionId), executionId, null, thrown);
    }
}
