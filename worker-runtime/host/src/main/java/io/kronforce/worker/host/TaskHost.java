package io.kronforce.worker.host;

import io.kronforce.task.OutputSink;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import io.kronforce.worker.wire.ResultReport;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs dispatches through task handlers, each on the caller's thread: a deadline or a
 * {@link #cancel} interrupts that thread, the handler stops its work, and the report says which of
 * the two it was. Output is captured per stream up to a cap. Never throws for a task's sake: a
 * handler bug becomes a failed report. Thread-safe; one host serves many concurrent runs.
 */
public final class TaskHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TaskHost.class.getName());
    /** Upstream's cap per stream (SPEC §p.12: 10 MiB). */
    public static final long DEFAULT_OUTPUT_CAP_BYTES = 10L * 1024 * 1024;

    private final HandlerCatalog catalog;
    private final InstantSource clock;
    private final long outputCapBytes;
    private final Map<String, Stop> running = new ConcurrentHashMap<>();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kronforce-host-deadlines").daemon(true).factory());

    public TaskHost(HandlerCatalog catalog, InstantSource clock, long outputCapBytes) {
        this.catalog = catalog;
        this.clock = clock;
        this.outputCapBytes = outputCapBytes;
    }

    /** The task types this host can run. */
    public java.util.Set<String> types() {
        return catalog.types();
    }

    /** Whether the execution is running on this host now. */
    public boolean isRunning(String executionId) {
        return running.containsKey(executionId);
    }

    /** The executions running on this host now. */
    public java.util.List<String> runningIds() {
        return java.util.List.copyOf(running.keySet());
    }

    /**
     * Runs one dispatch to its end on the calling thread.
     *
     * @param agentId reported back as the agent that ran it
     * @return the report to send; its status is never {@code running}
     */
    public ResultReport run(HostedRun run, String agentId) {
        Instant started = clock.instant();
        Stop stop = new Stop(Thread.currentThread());
        if (running.putIfAbsent(run.executionId(), stop) != null) {
            return report(run, agentId, started, "failed", null, new Streams(outputCapBytes),
                    "execution " + run.executionId() + " is already running on this worker");
        }
        Streams out = new Streams(outputCapBytes);
        Optional<ScheduledFuture<?>> deadline = run.timeout().map(t ->
                deadlines.schedule(() -> stop.fire(Stop.Why.TIMEOUT), t.toMillis(), TimeUnit.MILLISECONDS));
        try {
            TaskOutcome outcome = runHandler(run, out);
            if (stop.why() != null && outcome instanceof TaskOutcome.Failed) {
                return stopped(run, agentId, started, out, stop.why());
            }
            return switch (outcome) {
                case TaskOutcome.Succeeded s -> report(run, agentId, started, "succeeded", s.exitCode(), out, null);
                case TaskOutcome.Failed f -> report(run, agentId, started, "failed", f.exitCode(), out, f.reason());
            };
        } catch (InterruptedException e) {
            return stopped(run, agentId, started, out, stop.why() == null ? Stop.Why.CANCEL : stop.why());
        } finally {
            deadline.ifPresent(f -> f.cancel(false));
            stop.detach();
            running.remove(run.executionId());
            Thread.interrupted(); // a late deadline must not leak into the caller's next blocking call
        }
    }

    private TaskOutcome runHandler(HostedRun run, Streams out) throws InterruptedException {
        HandlerCatalog.Bound<?> bound;
        try {
            bound = catalog.bind(run);
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        return runBound(bound, context(run, out));
    }

    private static <C extends Record> TaskOutcome runBound(HandlerCatalog.Bound<C> bound, TaskContext ctx)
            throws InterruptedException {
        try {
            return bound.handler().run(bound.config(), ctx);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "task handler '" + bound.handler().type() + "' threw", e);
            return new TaskOutcome.Failed(null, "task handler error: " + e, true);
        }
    }

    private TaskContext context(HostedRun run, Streams out) {
        Optional<Instant> deadline = run.timeout().map(t -> clock.instant().plus(t));
        return new TaskContext() {
            @Override public String executionId() { return run.executionId(); }
            @Override public int attempt() { return run.attempt(); }
            @Override public Optional<Instant> deadline() { return deadline; }
            @Override public Optional<String> runAs() { return run.runAs(); }
            @Override public OutputSink output() { return out; }
            @Override public InstantSource clock() { return clock; }
        };
    }

    private ResultReport stopped(HostedRun run, String agentId, Instant started, Streams out, Stop.Why why) {
        return switch (why) {
            case TIMEOUT -> report(run, agentId, started, "timed_out", null, out,
                    "job timed out after " + run.timeout().map(java.time.Duration::toSeconds).orElse(0L) + "s");
            case CANCEL -> report(run, agentId, started, "cancelled", null, out, "job cancelled by user");
        };
    }

    private ResultReport report(HostedRun run, String agentId, Instant started, String status, Integer exitCode,
                                Streams out, String note) {
        if (note != null && !note.isEmpty()) {
            out.note(note);
        }
        return new ResultReport(run.executionId(), run.jobId(), agentId, status, exitCode, out.stdout.text(),
                out.stderr.text(), out.stdout.truncated(), out.stderr.truncated(), rfc3339(started),
                rfc3339(clock.instant()));
    }

    private static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    /** Interrupts a run of this host; false when it is not running here. */
    public boolean cancel(String executionId) {
        Stop stop = running.get(executionId);
        if (stop == null) {
            return false;
        }
        stop.fire(Stop.Why.CANCEL);
        return true;
    }

    @Override
    public void close() {
        running.values().forEach(s -> s.fire(Stop.Why.CANCEL));
        deadlines.shutdownNow();
    }

    /** The two capped streams of one run. */
    private static final class Streams implements OutputSink {
        final OutputCapture stdout;
        final OutputCapture stderr;
        private volatile boolean stderrEndsLine = true;

        Streams(long cap) {
            stdout = new OutputCapture(cap);
            stderr = new OutputCapture(cap);
        }

        @Override
        public void stdout(String text) {
            stdout.append(text);
        }

        @Override
        public void stderr(String text) {
            stderr.append(text);
            if (text != null && !text.isEmpty()) {
                stderrEndsLine = text.endsWith("\n");
            }
        }

        /** The host's own word on how the run ended, on a line of its own after the task's stderr. */
        void note(String text) {
            stderr(stderrEndsLine ? text : "\n" + text);
        }
    }
}
