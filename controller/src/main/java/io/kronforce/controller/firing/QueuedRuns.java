package io.kronforce.controller.firing;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.executions.Dispatcher;
import io.kronforce.controller.executions.FinishListener;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.executions.RunPreparation;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.ExecutionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands free concurrency slots to queued runs (policy {@code queue}, beyond upstream), oldest
 * first. Called after a run of the job finished and at start-up. The check and the move to
 * {@code pending} commit together, so two finishing runs cannot over-fill the limit. Thread-safe.
 */
public final class QueuedRuns implements FinishListener {
    private final Database db;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final FireGate gate;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;

    public QueuedRuns(
            Database db,
            ExecutionStore executions,
            JobCatalog jobs,
            FireGate gate,
            RunPreparation preparation,
            Dispatcher dispatcher) {
        this.db = db;
        this.executions = executions;
        this.jobs = jobs;
        this.gate = gate;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
    }

    /** A run of the job finished: its slot may be free for the oldest queued run. */
    @Override
    public void finished(Job job, Execution run, ExecutionStatus status) {
        promote(run.jobId());
    }

    /** Starts as many of the job's queued runs as it has free slots. */
    public void promote(String jobId) {
        // A read on the partial index first: most finishing jobs have nothing queued and cost the writer nothing.
        if (!executions.hasQueued(jobId)) {
            return;
        }
        Optional<Job> job = jobs.find(jobId);
        if (job.isEmpty()) {
            return;
        }
        List<String> started = db.write(c -> {
            List<String> moved = new ArrayList<>();
            while (!gate.full(c, job.get())) {
                Optional<String> next = executions.oldestQueued(c, jobId);
                if (next.isEmpty()) {
                    break;
                }
                executions.moveWaiting(c, next.get(), ExecutionStatus.QUEUED, ExecutionStatus.PENDING, null, 0);
                moved.add(next.get());
            }
            return moved;
        });
        for (String id : started) {
            executions.findById(id).ifPresent(e -> dispatcher.start(job.get(), preparation.restore(e)));
        }
    }

    /** Start-up: every job with queued runs gets its free slots. */
    public void recover() {
        executions.jobsWithQueued().forEach(this::promote);
    }
}
