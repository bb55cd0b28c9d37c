package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.spec.Retry;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.RetryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Plans retries with backoff (docs/reference/scheduling.md), durably, where upstream sleeps in
 * memory: a failure's next attempt is written to {@code retry_queue} in the transaction that
 * records the failure — after output-rule assertions had their say, so an assertion failure is
 * retried and a rescued run is not. The retry timer ({@code firing.Retries}) fires the plan.
 *
 * <p>Delay before attempt n: {@code retry_delay_secs × retry_backoff^(n−1)}, at most an hour.
 * Stateless and thread-safe.
 */
public final class RetryPlan {
    static final long MAX_DELAY_MS = 3_600_000;

    private final RetryStore store;
    private final EventLog events;

    public RetryPlan(RetryStore store, EventLog events) {
        this.store = store;
        this.events = events;
    }

    /**
     * Whether a finish of {@code job} with {@code status} may have planned a retry: the job allows
     * retries and the run failed or timed out. Anything else leaves the retry timer nothing to look at.
     */
    public static boolean mayPlan(Job job, ExecutionStatus status) {
        return job.spec().retry().max() > 0
                && (status == ExecutionStatus.FAILED || status == ExecutionStatus.TIMED_OUT);
    }

    /**
     * Inside the finish transaction of a run that ended {@code status}: plans the next attempt
     * ({@code execution.retry_scheduled}) or, when none is left, says so ({@code execution.retries_exhausted}).
     */
    Optional<Event> afterFinish(Connection c, Job job, Execution finished, ExecutionStatus status, long nowMs)
            throws SQLException {
        if (!mayPlan(job, status)) {
            return Optional.empty();
        }
        int max = job.spec().retry().max();
        EventLog.Subject subject = new EventLog.Subject(job.id(), finished.id(), null, null);
        if (finished.attemptNumber() > max) {
            return events.write(
                    c,
                    Principal.SYSTEM,
                    EventKind.EXECUTION_RETRIES_EXHAUSTED,
                    "error",
                    "Job '" + job.name() + "' execution " + finished.id() + " failed after " + finished.attemptNumber()
                            + " attempt(s)",
                    subject);
        }
        int next = finished.attemptNumber() + 1;
        long due = nowMs + delayMs(job, next);
        String first = finished.retryOf() == null ? finished.id() : finished.retryOf();
        store.insert(c, new RetryStore.Planned(finished.id(), job.id(), first, next, due, finished.params()));
        return events.write(
                c,
                Principal.SYSTEM,
                EventKind.EXECUTION_RETRY_SCHEDULED,
                "info",
                "Job '" + job.name()
                        + "' execution " + finished.id() + " " + status.wire() + "; attempt " + next + " of "
                        + (max + 1)
                        + " at " + Times.format(due),
                subject);
    }

    /** Delay before attempt {@code attempt} (≥ 2), in milliseconds. */
    public static long delayMs(Job job, int attempt) {
        Retry retry = job.spec().retry();
        double secs = retry.delaySecs() * Math.pow(retry.backoff(), attempt - 1);
        if (Double.isNaN(secs) || Double.isInfinite(secs)) {
            return MAX_DELAY_MS;
        }
        return Math.min(MAX_DELAY_MS, Math.round(secs * 1000));
    }

    /** Drops the retry planned after {@code failedExecutionId} (the user cancelled it); false when none was planned. */
    boolean drop(Connection c, String failedExecutionId) throws SQLException {
        return store.delete(c, failedExecutionId);
    }
}
