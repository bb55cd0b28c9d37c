package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.executions.Dispatcher;
import io.kronforce.controller.executions.PreparedRun;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.schedule.Firings;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.RetryStore;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Fires the retries {@link RetryPlan} wrote, each when due: a {@code TickLoop} over this class keys
 * its plans by the failed execution's id. Deleting the plan and inserting the attempt's execution
 * commit together, so a retry runs once, even across a restart. Retries skip the fire gate (they
 * continue a run that was already admitted), as upstream. Thread-safe.
 */
public final class Retries implements Firings {
    private final Database db;
    private final RetryStore store;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;

    public Retries(
            Database db,
            RetryStore store,
            ExecutionStore executions,
            JobCatalog jobs,
            RunPreparation preparation,
            Dispatcher dispatcher) {
        this.db = db;
        this.store = store;
        this.executions = executions;
        this.jobs = jobs;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
    }

    @Override
    public List<Due> persisted() {
        return store.all().stream()
                .map(p -> new Due(p.failedExecutionId(), p.dueMs()))
                .toList();
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
        ObjectNode by = JsonNodeFactory.instance
                .objectNode()
                .put("type", "retry")
                .put("original_execution_id", failedExecutionId)
                .put("attempt", p.attempt());
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
