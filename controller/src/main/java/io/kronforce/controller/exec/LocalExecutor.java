package io.kronforce.controller.exec;

import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs executions inside the controller, one virtual thread each, at most {@code maxConcurrent}
 * at once (the rest wait their turn in order of arrival). A deadline or a cancel interrupts the
 * run's thread; handlers stop their work and the status says which of the two it was.
 */
public final class LocalExecutor implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalExecutor.class.getName());
    static final int OUTPUT_CAP_CHARS = 10 * 1024 * 1024;

    private final TaskRegistry registry;
    private final RunListener listener;
    private final InstantSource clock;
    private final Semaphore slots;
    private final int outputCapChars;
    private final ScheduledExecutorService watchdog =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("kronforce-deadlines").daemon(true).factory());
    private final Map<String, RunState> running = new ConcurrentHashMap<>();
    private volatile boolean accepting = true;

    public LocalExecutor(TaskRegistry registry, RunListener listener, InstantSource clock, int maxConcurrent) {
        this(registry, listener, clock, maxConcurrent, OUTPUT_CAP_CHARS);
    }

    /** With another output cap per stream; tests use a small one. */
    LocalExecutor(TaskRegistry registry, RunListener listener, InstantSource clock, int maxConcurrent,
                  int outputCapChars) {
        this.outputCapChars = outputCapChars;
        this.registry = registry;
        this.listener = listener;
        this.clock = clock;
        this.slots = new Semaphore(maxConcurrent, true);
    }

    /** Queues a run. Returns false (and runs nothing) once shutdown has begun. */
    public boolean submit(LocalRun run) {
        if (!accepting) {
            return false;
        }
        RunState state = new RunState(run, new LiveOutput(run.mask()), outputCapChars);
        running.put(run.executionId(), state);
        Thread.ofVirtual().name("run-" + run.executionId()).start(() -> runGuarded(state));
        return true;
    }

    private void runGuarded(RunState state) {
        boolean acquired = acquireSlot();
        RunResult result;
        try {
            result = acquired ? runWithSlot(state) : state.interruptedResult(clock);
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "local run " + state.run.executionId() + " failed unexpectedly", t);
            result = state.result(ExecutionStatus.FAILED, null, "internal error while running the task", clock);
        }
        // The slot is held until the result is recorded: otherwise a queued run could start while
        // the finished one is still recorded as running, exceeding maxConcurrent. The run stays in
        // `running` as long, so shutdown() waits for the record instead of closing the database under it.
        try {
            state.live.finish();
            listener.finished(state.run.executionId(), result);
        } catch (RuntimeException e) {
            // The row keeps its last state; start-up recovery closes it on the next start.
            LOG.log(Level.SEVERE, "recording the result of " + state.run.executionId() + " failed", e);
        } finally {
            running.remove(state.run.executionId());
            if (acquired) {
                slots.release();
            }
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

    private RunResult runWithSlot(RunState state) {
        if (state.cancelled) {
            return state.interruptedResult(clock);
        }
        state.startClock(clock);
        listener.started(state.run.executionId(), clock.millis());
        // Only now may a stop interrupt this thread: an interrupt inside started() would abort the
        // listener's store write and turn a cancel into an internal error. A stop that came
        // meanwhile is seen here (thread and cancelled are volatile, interrupt() reads under lock).
        state.thread = Thread.currentThread();
        if (state.cancelled) {
            state.detach();
            Thread.interrupted();
            return state.interruptedResult(clock);
        }
        Optional<ScheduledFuture<?>> deadline = state.run.timeout().map(t -> armDeadline(state, t));
        try {
            return state.outcomeResult(runHandler(state), clock);
        } catch (InterruptedException e) {
            return state.interruptedResult(clock);
        } finally {
            deadline.ifPresent(f -> f.cancel(false));
            // A deadline already firing is not stopped by cancel(false): detach first so no late
            // interrupt reaches listener.finished() (its store write would give up).
            state.detach();
            Thread.interrupted();
        }
    }

    private TaskOutcome runHandler(RunState state) throws InterruptedException {
        TaskRegistry.Bound<?> bound;
        try {
            bound = registry.bind(state.run.task());
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        return runBound(bound, state);
    }

    private static <C extends Record> TaskOutcome runBound(TaskRegistry.Bound<C> bound, RunState state)
            throws InterruptedException {
        try {
            return bound.handler().run(bound.config(), state.context());
        } catch (RuntimeException e) {
            // A handler bug must not kill the worker: record it, log the stack once.
            LOG.log(Level.SEVERE, "task handler '" + bound.handler().type() + "' threw", e);
            return new TaskOutcome.Failed(null, "task handler error: " + e, true);
        }
    }

    private ScheduledFuture<?> armDeadline(RunState state, Duration timeout) {
        return watchdog.schedule(() -> state.interrupt(RunState.Stop.TIMEOUT), timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Cancels a run of this controller; false when it is not running here. */
    public boolean cancel(String executionId) {
        RunState state = running.get(executionId);
        if (state == null) {
            return false;
        }
        state.interrupt(RunState.Stop.CANCEL);
        return true;
    }

    /** The live output of a run of this controller, while it runs. */
    public Optional<LiveOutput> live(String executionId) {
        return Optional.ofNullable(running.get(executionId)).map(s -> s.live);
    }

    public int runningCount() {
        return running.size();
    }

    /**
     * Stops taking work, waits up to {@code grace} for running executions, then interrupts the
     * rest (recorded as cancelled with a shutdown note) and waits for their results to be recorded.
     */
    public void shutdown(Duration grace) {
        accepting = false;
        long until = System.nanoTime() + grace.toNanos();
        while (!running.isEmpty() && System.nanoTime() < until) {
            sleepQuietly(50);
        }
        running.values().forEach(s -> s.interrupt(RunState.Stop.SHUTDOWN));
        long hardUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!running.isEmpty() && System.nanoTime() < hardUntil) {
            sleepQuietly(20);
        }
        watchdog.shutdownNow();
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
}
