package io.kronforce.controller.app;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.schedule.Firings;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.RetryStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Retries with backoff (SPEC §d.8) that survive a restart, where upstream sleeps in memory. A
 * failure's next attempt is written to {@code retry_queue} in the transaction that records the
 * failure — after output-rule assertions had their say, so an assertion failure is retried and a
 * rescued run is not. A {@code TickLoop} over this class fires each retry when due: deleting the
 * plan and inserting the attempt's execution commit together, so a retry runs once.
 *
 * <p>Delay before attempt n: {@code retry_delay_secs × retry_backoff^(n−1)}, at most an hour.
 * Retries skip the fire gate (they continue a run that was already admitted), as upstream.
 * Thread-safe.
 */
public final class Retries implements Firings {
    static final long MAX_DELAY_MS = 3_600_000;

    private final Database db;
    private final RetryStore store;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;
    private final EventLog events;
    private volatile ScheduleChanges timer = ScheduleChanges.NONE;

    Retries(Database db, RetryStore store, ExecutionStore executions, JobCatalog jobs, RunPreparation preparation,
            Dispatcher dispatcher, EventLog events) {
        this.db = db;
        this.store = store;
        this.executions = executions;
        this.jobs = jobs;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
        this.events = events;
    }

    /** Wires the timer that fires planned retries (its loop is keyed by the failed execution's id). */
    public void attach(ScheduleChanges retryTimer) {
        this.timer = retryTimer;
    }

    /**
     * Inside the finish transaction of a run that ended {@code status}: plans the next attempt
     * ({@code execution.retry_scheduled}) or, when none is left, says so ({@code execution.retries_exhausted}).
     */
    Optional<Event> afterFinish(Connection c, Job job, Execution finished, ExecutionStatus status, long nowMs)
            throws SQLException {
        int max = job.spec().path("retry_max").asInt(0);
        if (max <= 0 || (status != ExecutionStatus.FAILED && status != ExecutionStatus.TIMED_OUT)) {
            return Optional.empty();
        }
        EventLog.Subject subject = new EventLog.Subject(job.id(), finished.id(), null, null);
        if (finished.attemptNumber() > max) {
            return events.write(c, Principal.SYSTEM, "execution.retries_exhausted", "error", "Job '" + job.name()
                    + "' execution " + finished.id() + " failed after " + finished.attemptNumber() + " attempt(s)",
                    subject);
        }
        int next = finished.attemptNumber() + 1;
        long due = nowMs + delayMs(job, next);
        String first = finished.retryOf() == null ? finished.id() : finished.retryOf();
        store.insert(c, new RetryStore.Planned(finished.id(), job.id(), first, next, due, finished.params()));
        return events.write(c, Principal.SYSTEM, "execution.retry_scheduled", "info", "Job '" + job.name()
                + "' execution " + finished.id() + " " + status.wire() + "; attempt " + next + " of " + (max + 1)
                + " at " + Times.format(due), subject);
    }

    /** After the finish committed: wakes the timer for the retry it may have planned. */
    void committed(String finishedExecutionId) {
        timer.jobChanged(finishedExecutionId);
    }

    /** Delay before attempt {@code attempt} (≥ 2), in milliseconds. */
    static long delayMs(Job job, int attempt) {
        double secs = job.spec().path("retry_delay_secs").asDouble(0)
                * Math.pow(job.spec().path("retry_backoff").asDouble(1.0), attempt - 1);
        if (Double.isNaN(secs) || Double.isInfinite(secs)) {
            return MAX_DELAY_MS;
        }
        return Math.min(MAX_DELAY_MS, Math.round(secs * 1000));
    }

    /** Drops the retry planned after {@code failedExecutionId} (the user cancelled it); false when none was planned. */
    boolean drop(Connection c, String failedExecutionId) throws SQLException {
        return store.delete(c, failedExecutionId);
    }

    @Override
    public List<Due> persisted() {
        return store.all().stream().map(p -> new Due(p.failedExecutionId(), p.dueMs())).toList();
    }

    @Override
    public List<String> unplanned() {
        return List.of();
    }

    @Override
    public OptionalLong advance(String failedExecutionId, long nowMs) {
        Optional<RetryStore.Planned> planned = store.find(failedExecutionId);
        if (planned.isEmpty()) {
            return OptionalLong.empty();
        }
        RetryStore.Planned p = planned.get();
        if (p.dueMs() > nowMs) {
            return OptionalLong.of(p.dueMs());
        }
        Optional<Job> job = jobs.find(p.jobId());
        if (job.isEmpty()) {
            return OptionalLong.empty(); // the job was deleted, and its plan with it
        }
        ObjectNode by = JsonNodeFactory.instance.objectNode().put("type", "retry")
                .put("original_execution_id", failedExecutionId).put("attempt", p.attempt());
        PreparedRun fresh = preparation.prepare(job.get(), p.params(), by, nowMs);
        PreparedRun run = fresh.forRow(fresh.row().asRetry(p.retryOf(), p.attempt()));
        boolean fired = db.write(c -> {
            if (!store.delete(c, failedExecutionId)) {
                return false; // cancelled, or fired by another controller on this file
            }
            executions.insert(c, run.row());
            return true;
        });
        if (fired) {
            dispatcher.start(job.get(), run);
        }
        return OptionalLong.empty();
    }
}
