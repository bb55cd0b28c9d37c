package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.spec.Dependency;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.TriggerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The one check every fire path passes (manual trigger, webhook, scheduler, dependency cascade,
 * event trigger, approval; docs/reference/scheduling.md#the-fire-gate), and the status a new run is stored with:
 * <ul>
 *   <li>{@code approval_required} → {@code pending_approval}; the rest of the gate runs when a
 *       human approves (upstream gates only the REST trigger, docs/reference/differences.md);</li>
 *   <li>a dependency not satisfied (unless skipped) → {@code skipped} with the reason;</li>
 *   <li>{@code max_concurrent} reached → {@code skipped}, or {@code queued} when the job's
 *       {@code concurrency_policy} is {@code queue} (beyond upstream), up to {@value #QUEUE_LIMIT} per job;</li>
 *   <li>otherwise {@code pending}.</li>
 * </ul>
 * A refusal is never silent (upstream's is: docs/reference/differences.md row 17): the row carries the reason and an
 * event is written. The check reads through the writer's connection so it and the row it admits commit
 * atomically — two concurrent triggers cannot both slip under the limit. Stateless and thread-safe.
 */
public final class FireGate {
    /** Queued runs one job may hold; beyond it a run is skipped, so a stuck job cannot grow the table without end. */
    public static final int QUEUE_LIMIT = 100;

    private final TriggerStore store;
    private final ExecutionStore executions;
    private final EventLog events;

    public FireGate(TriggerStore store, ExecutionStore executions, EventLog events) {
        this.store = store;
        this.executions = executions;
        this.events = events;
    }

    /** Why a run may not start now; {@code concurrency} tells a full job from an unmet dependency. */
    public record Refusal(String reason, boolean concurrency) {}

    /** Why {@code job} may not fire at {@code nowMs}, or empty when it may. */
    public Optional<Refusal> refusal(Connection c, Job job, boolean skipDeps, long nowMs) throws SQLException {
        if (!skipDeps) {
            for (Dependency d : job.spec().dependsOn()) {
                String id = d.jobId();
                if (!satisfied(store.latest(c, id), d.withinSecs(), nowMs)) {
                    return Optional.of(new Refusal(
                            "dependency '" + name(c, id) + "' has not succeeded"
                                    + (d.withinSecs() != null ? " within " + d.withinSecs() + "s" : ""),
                            false));
                }
            }
        }
        if (full(c, job)) {
            return Optional.of(new Refusal("max_concurrent " + maxConcurrent(job) + " reached", true));
        }
        return Optional.empty();
    }

    /** Whether the job has {@code max_concurrent} runs pending or running. */
    public boolean full(Connection c, Job job) throws SQLException {
        int max = maxConcurrent(job);
        return max > 0 && store.active(c, job.id()) >= max;
    }

    private static int maxConcurrent(Job job) {
        return job.spec().maxConcurrent();
    }

    /**
     * Stores a new run (as the slot {@code slotMs} when the scheduler fired it) with the status the
     * gate gives it, and appends the events that status calls for to {@code out}. Runs inside the
     * caller's write.
     *
     * @return the stored status; empty when the slot already had a row (nothing stored)
     */
    public Optional<ExecutionStatus> admit(
            Connection c, Job job, Execution row, boolean skipDeps, Long slotMs, List<Event> out) throws SQLException {
        return admit(c, job, row, skipDeps, slotMs, null, out).map(Execution::status);
    }

    /**
     * The same for a {@link Launch}: a run the gate lets through is stored {@code running} from the
     * launch's reservation when it holds a local slot, {@code pending} otherwise.
     *
     * @return the row as stored; empty when the slot already had a row (nothing stored)
     */
    public Optional<Execution> admit(
            Connection c, Job job, Launch launch, boolean skipDeps, Long slotMs, List<Event> out) throws SQLException {
        return admit(c, job, launch.row(), skipDeps, slotMs, launch.startAtMs(), out);
    }

    private Optional<Execution> admit(
            Connection c, Job job, Execution row, boolean skipDeps, Long slotMs, Long startAtMs, List<Event> out)
            throws SQLException {
        Execution stored = job.spec().approvalRequired()
                ? row.waitingAs(ExecutionStatus.PENDING_APPROVAL)
                : gated(c, job, row, skipDeps, row.createdAtMs());
        if (startAtMs != null && stored.status() == ExecutionStatus.PENDING) {
            stored = stored.startedAs(startAtMs);
        }
        if (!executions.insert(c, stored, slotMs)) {
            return Optional.empty();
        }
        announce(c, job, stored).ifPresent(out::add);
        return Optional.of(stored);
    }

    /** The row as the gate lets it through at {@code now}: pending, queued or skipped. */
    Execution gated(Connection c, Job job, Execution row, boolean skipDeps, long now) throws SQLException {
        Optional<Refusal> refusal = refusal(c, job, skipDeps, now);
        if (refusal.isEmpty()) {
            return row.waitingAs(ExecutionStatus.PENDING);
        }
        if (refusal.get().concurrency() && queues(job)) {
            return executions.countQueued(c, job.id()) < QUEUE_LIMIT
                    ? row.waitingAs(ExecutionStatus.QUEUED)
                    : row.skipped(refusal.get().reason() + " and " + QUEUE_LIMIT + " runs are already queued", now);
        }
        return row.skipped(refusal.get().reason(), now);
    }

    private static boolean queues(Job job) {
        return job.spec().queuesWhenBusy();
    }

    /** The event a newly stored waiting or refused run writes, in the caller's transaction. */
    Optional<Event> announce(Connection c, Job job, Execution stored) throws SQLException {
        EventLog.Subject subject = new EventLog.Subject(job.id(), stored.id(), null, null);
        return switch (stored.status()) {
            case SKIPPED ->
                events.write(
                        c,
                        Principal.SYSTEM,
                        EventKind.EXECUTION_SKIPPED,
                        "warning",
                        "Job '" + job.name() + "' execution " + stored.id() + " skipped: " + stored.stderr(),
                        subject);
            case QUEUED ->
                events.write(
                        c,
                        Principal.SYSTEM,
                        EventKind.EXECUTION_QUEUED,
                        "info",
                        "Job '" + job.name() + "' execution " + stored.id() + " queued: max_concurrent "
                                + maxConcurrent(job) + " reached",
                        subject);
            case PENDING_APPROVAL ->
                events.write(
                        c,
                        Principal.SYSTEM,
                        EventKind.JOB_PENDING_APPROVAL,
                        "warning",
                        "Job '" + job.name() + "' execution " + stored.id() + " awaiting approval",
                        subject);
            default -> Optional.empty();
        };
    }

    /** Whether every dependency of {@code job} holds now (the cascade's precondition, and the job view). */
    public boolean depsSatisfied(Job job, long nowMs) {
        for (Dependency d : job.spec().dependsOn()) {
            if (!satisfied(d.jobId(), d.withinSecs(), nowMs)) {
                return false;
            }
        }
        return true;
    }

    /** One dependency: its latest execution succeeded, within the window when one is set. */
    public boolean satisfied(String jobId, Long withinSecs, long nowMs) {
        return satisfied(store.latest(jobId), withinSecs, nowMs);
    }

    /** @param withinSecs null: any earlier success counts */
    private static boolean satisfied(Optional<TriggerStore.Latest> latest, Long withinSecs, long nowMs) {
        if (latest.isEmpty() || latest.get().status() != ExecutionStatus.SUCCEEDED) {
            return false;
        }
        if (withinSecs == null || latest.get().finishedAtMs() == null) {
            return true;
        }
        // A finish in the future (clock skew between controllers) counts as |Δ| elapsed, as upstream.
        return Math.abs(nowMs - latest.get().finishedAtMs()) <= withinSecs * 1000;
    }

    private String name(Connection c, String jobId) throws SQLException {
        return store.name(c, jobId).orElse(jobId);
    }
}
