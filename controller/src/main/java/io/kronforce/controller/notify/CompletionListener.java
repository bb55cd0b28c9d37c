package io.kronforce.controller.notify;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.notifier.EventKind;
import io.kronforce.worker.host.Fatal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hears committed events and queues what the rules ask for: {@code execution.completed} against
 * the job's {@code notifications} rule; {@code sla.warning}, {@code sla.breach} and
 * {@code execution.retries_exhausted} as alerts under the same rule (upstream sends none); and
 * {@code agent.offline} under {@code notification_system_alerts}.
 * The work (reading the run, the job and the settings, writing outbox rows) happens on a
 * virtual thread of its own, so the thread that finished the execution only hands over the event.
 */
final class CompletionListener implements Consumer<Event>, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CompletionListener.class.getName());

    private final ExecutionStore executions;
    private final JobStore jobs;
    private final Outbox outbox;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("kronforce-notify-enqueue").factory());

    CompletionListener(ExecutionStore executions, JobStore jobs, Outbox outbox) {
        this.executions = executions;
        this.jobs = jobs;
        this.outbox = outbox;
    }

    /** Most events heard again at start. */
    static final int REPLAY_LIMIT = 10_000;

    /** Event kinds that become alerts, and what each is. */
    // Keys are the controller's event kinds (domain.EventKind), values the notifier's own kinds.
    private static final Map<String, EventKind> ALERTS = Map.of(
            io.kronforce.controller.domain.EventKind.SLA_WARNING.wire(), EventKind.SLA_WARNING,
            io.kronforce.controller.domain.EventKind.SLA_BREACH.wire(), EventKind.SLA_BREACH,
            io.kronforce.controller.domain.EventKind.EXECUTION_RETRIES_EXHAUSTED.wire(), EventKind.RETRIES_EXHAUSTED,
            io.kronforce.controller.domain.EventKind.AGENT_OFFLINE.wire(), EventKind.AGENT_OFFLINE);

    private static final io.kronforce.controller.domain.EventKind COMPLETED =
            io.kronforce.controller.domain.EventKind.EXECUTION_COMPLETED;

    /** Every event kind this listener acts on. */
    static Set<String> kinds() {
        Set<String> kinds = new HashSet<>(ALERTS.keySet());
        kinds.add(COMPLETED.wire());
        return kinds;
    }

    /**
     * Hears again the events since {@code sinceMs}: outbox rows are written after the event's own
     * commit, so a crash in between would lose them; replaying at start closes that gap, and the
     * outbox's unique key (cause, destination, recipient) makes a replayed event add nothing it
     * already added.
     */
    void replay(EventLog events, long sinceMs) {
        events.committedSince(sinceMs, kinds(), REPLAY_LIMIT).forEach(this);
    }

    @Override
    public void accept(Event event) {
        boolean completed = event.is(COMPLETED) && event.executionId() != null;
        if (!completed && !ALERTS.containsKey(event.kind())) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    if (completed) {
                        enqueue(event);
                    } else {
                        alert(event, ALERTS.get(event.kind()));
                    }
                } catch (Throwable e) {
                    LOG.log(Level.WARNING, "could not queue notifications for event " + event.id(), e);
                    Fatal.rethrowIfFatal(e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.info("shutting down; no notification for event " + event.id());
        }
    }

    /** Queues an alert: a job's under its rule, an agent's under the system alert setting. */
    void alert(Event event, EventKind kind) {
        Instant at = Instant.ofEpochMilli(event.timestampMs());
        if (kind == EventKind.AGENT_OFFLINE) {
            if (outbox.current().agentOfflineAlerts()) {
                outbox.enqueueAlert(event.id(), null, null, Messages.forAlert(kind, event.message(), null, null, at));
            }
            return;
        }
        Optional<Job> job = Optional.ofNullable(event.jobId()).flatMap(jobs::findById);
        Optional<JobRule> rule = job.flatMap(j -> JobRule.of(j.spec().notifications()));
        if (rule.isPresent() && rule.get().wants(kind)) {
            outbox.enqueueAlert(
                    event.id(),
                    job.get(),
                    rule.get(),
                    Messages.forAlert(kind, event.message(), job.get(), event.executionId(), at));
        }
    }

    /** Decides and queues for one completed execution; the event id keys the rows (dedup). */
    void enqueue(Event event) {
        // The job first: most jobs have no rule, and then the run (its output too) is never read.
        Optional<Job> job = Optional.ofNullable(event.jobId()).flatMap(jobs::findById);
        Optional<JobRule> rule = job.flatMap(j -> JobRule.of(j.spec().notifications()));
        if (rule.isEmpty()) {
            return;
        }
        Optional<Execution> execution = executions.findById(event.executionId());
        if (execution.isEmpty()) {
            return;
        }
        Execution e = execution.get();
        Optional<EventKind> kind = rule.get().decide(e.status(), Event.ASSERTION_FAILED.equals(event.details()));
        if (kind.isPresent()) {
            outbox.enqueue(event.id(), job.get(), e, rule.get(), kind.get(), false);
        } else if (rule.get().resolvesQuietly(e.status())) {
            outbox.enqueue(event.id(), job.get(), e, rule.get(), EventKind.JOB_SUCCEEDED, true);
        }
    }

    /** Lets queued hand-overs finish (they are short database work), then stops. */
    @Override
    public void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
