package io.kronforce.worker.host;

import io.kronforce.task.TaskOutcome;
import io.kronforce.worker.wire.ResultReport;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs dispatches through task handlers, each on the caller's thread: a deadline, a {@link #cancel}
 * or a {@link #stop} interrupts that thread, the handler stops its work, and the result says which
 * it was ({@link StopReason}). An interrupt nobody asked for that comes past the run's deadline (a
 * handler watching the deadline itself may stop a moment before the watchdog fires) counts as the
 * timeout. Output is captured per stream up to a cap in UTF-8 bytes, keeping the tail, and can be
 * watched live through a {@link RunObserver}. Never throws for a task's sake: a handler bug becomes
 * a failed result. Thread-safe; one host serves many concurrent runs.
 *
 * <p>Used by every place that runs a task: the controller's local runs, the push agent, the pull
 * worker and the Lambda handler.
 */
public final class TaskHost implements AutoCloseable {
    /** Upstream's cap per stream (docs/reference/differences.md row 12: 10 MiB). */
    public static final long DEFAULT_OUTPUT_CAP_BYTES = 10L * 1024 * 1024;

    private final HandlerCatalog catalog;
    private final HandlerCall handlers;
    private final InstantSource clock;
    private final long outputCapBytes;
    private final String name;
    private final Map<String, Stop> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kronforce-host-deadlines").daemon(true).factory());

    /** A host named "worker" (see {@link #TaskHost(HandlerCatalog, InstantSource, long, String)}). */
    public TaskHost(HandlerCatalog catalog, InstantSource clock, long outputCapBytes) {
        this(catalog, clock, outputCapBytes, "worker");
    }

    /**
     * @param outputCapBytes the most kept per stream, in UTF-8 bytes
     * @param name what runs this host, as its notes say it: "job cancelled: NAME shutting down",
     *             "already running on this NAME"
     */
    public TaskHost(HandlerCatalog catalog, InstantSource clock, long outputCapBytes, String name) {
        this.catalog = catalog;
        this.handlers = new HandlerCall(catalog, clock);
        this.clock = clock;
        this.outputCapBytes = outputCapBytes;
        this.name = name;
    }

    /** The task types this host can run. */
    public Set<String> types() {
        return catalog.types();
    }

    /** Whether the execution is running on this host now. */
    public boolean isRunning(String executionId) {
        return running.containsKey(executionId);
    }

    /** The executions running on this host now. */
    public List<String> runningIds() {
        return List.copyOf(running.keySet());
    }

    /**
     * Runs one dispatch to its end on the calling thread.
     *
     * @param agentId reported back as the agent that ran it
     * @return the report to send; its status is never {@code running}
     */
    public ResultReport run(HostedRun run, String agentId) {
        return execute(run, RunObserver.NONE).report(agentId);
    }

    /**
     * Runs one dispatch to its end on the calling thread, telling {@code observer} when it starts
     * and what it writes. A second run of an execution already running here fails at once.
     *
     * @throws RuntimeException only what the observer threw; the run is then over
     */
    public HostedResult execute(HostedRun run, RunObserver observer) {
        Instant started = clock.instant();
        RunStreams out = new RunStreams(outputCapBytes, observer);
        Stop stop = new Stop();
        if (running.putIfAbsent(run.executionId(), stop) != null) {
            return result(
                    run,
                    started,
                    HostedResult.Status.FAILED,
                    null,
                    out,
                    "execution " + run.executionId() + " is already running on this " + name);
        }
        Optional<Instant> deadlineAt = run.timeout().map(started::plus);
        Optional<ScheduledFuture<?>> deadline = Optional.empty();
        try {
            observer.started(started);
            if (!stop.attach(Thread.currentThread())) {
                return stopped(run, started, out, stop.why());
            }
            deadline = run.timeout()
                    .map(t -> deadlines.schedule(
                            () -> stop.fire(StopReason.TIMEOUT), t.toMillis(), TimeUnit.MILLISECONDS));
            TaskOutcome outcome = handlers.run(run, out, deadlineAt);
            // A run that finished by itself keeps its result even if a deadline fired just after;
            // a handler that swallowed the interrupt and reported failure is recorded as stopped.
            if (stop.why() != null && outcome instanceof TaskOutcome.Failed) {
                return stopped(run, started, out, stop.why());
            }
            return switch (outcome) {
                case TaskOutcome.Succeeded s ->
                    result(run, started, HostedResult.Status.SUCCEEDED, s.exitCode(), out, null);
                case TaskOutcome.Failed f ->
                    result(run, started, HostedResult.Status.FAILED, f.exitCode(), out, f.reason());
            };
        } catch (InterruptedException e) {
            StopReason why = stop.why() != null
                    ? stop.why()
                    : deadlineAt.isPresent() && !clock.instant().isBefore(deadlineAt.get())
                            ? StopReason.TIMEOUT
                            : StopReason.CANCEL;
            return stopped(run, started, out, why);
        } finally {
            deadline.ifPresent(f -> f.cancel(false));
            // A deadline already firing is not stopped by cancel(false): detach first so no late
            // interrupt reaches the caller's next blocking call (a store write would give up).
            stop.detach();
            running.remove(run.executionId());
            Thread.interrupted();
        }
    }

    /**
     * The result of a run stopped before it reached this host (it waited for a slot of the
     * caller's, say): what {@link #execute} returns for a run stopped as it starts.
     */
    public HostedResult notStarted(HostedRun run, StopReason why) {
        return stopped(run, clock.instant(), new RunStreams(outputCapBytes, RunObserver.NONE), why);
    }

    /**
     * The report of a run that failed outside its handler (the caller's own boundary caught what
     * {@link #execute} let through, a fatal error): failed, with {@code why} as its stderr.
     */
    public ResultReport failedOutright(HostedRun run, String agentId, String why) {
        return result(
                        run,
                        clock.instant(),
                        HostedResult.Status.FAILED,
                        null,
                        new RunStreams(outputCapBytes, RunObserver.NONE),
                        why)
                .report(agentId);
    }

    private HostedResult stopped(HostedRun run, Instant started, RunStreams out, StopReason why) {
        return switch (why) {
            case TIMEOUT ->
                result(
                        run,
                        started,
                        HostedResult.Status.TIMED_OUT,
                        null,
                        out,
                        "job timed out after "
                                + run.timeout().map(Duration::toSeconds).orElse(0L) + "s");
            case CANCEL -> result(run, started, HostedResult.Status.CANCELLED, null, out, "job cancelled by user");
            case SHUTDOWN ->
                result(
                        run,
                        started,
                        HostedResult.Status.CANCELLED,
                        null,
                        out,
                        "job cancelled: " + name + " shutting down");
        };
    }

    private HostedResult result(
            HostedRun run, Instant started, HostedResult.Status status, Integer exitCode, RunStreams out, String note) {
        if (note != null && !note.isEmpty()) {
            out.note(note);
        }
        return new HostedResult(
                run.executionId(),
                run.jobId(),
                status,
                exitCode,
                out.stdout.text(),
                out.stderr.text(),
                out.stdout.truncated(),
                out.stderr.truncated(),
                started,
                clock.instant());
    }

    /** Interrupts a run of this host as cancelled by user; false when it is not running here. */
    public boolean cancel(String executionId) {
        return stop(executionId, StopReason.CANCEL);
    }

    /**
     * Stops a run of this host for {@code why}; false when it is not running here. A run whose
     * handler has not started yet (its observer is still in {@link RunObserver#started}) never
     * starts it.
     */
    public boolean stop(String executionId, StopReason why) {
        Stop stop = running.get(executionId);
        if (stop == null) {
            return false;
        }
        stop.fire(why);
        return true;
    }

    /** Stops every run still here as {@link StopReason#SHUTDOWN}, and the deadline timer. */
    @Override
    public void close() {
        running.values().forEach(s -> s.fire(StopReason.SHUTDOWN));
        deadlines.shutdownNow();
    }
}
