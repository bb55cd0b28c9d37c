package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;

/**
 * Start-up recovery of the runs a stop left behind: runs interrupted by a crash are closed as
 * failed (their side effects may have happened, so they are not silently repeated); acknowledged
 * triggers that never started run now. Runs an agent still holds are left to their agent (its
 * result or the lease expiry closes them); queued runs and planned retries are their timers'.
 */
public final class Recovery {
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;
    private final RunListener completion;
    private final InstantSource clock;

    public Recovery(
            ExecutionStore executions,
            JobCatalog jobs,
            RunPreparation preparation,
            Dispatcher dispatcher,
            RunListener completion,
            InstantSource clock) {
        this.executions = executions;
        this.jobs = jobs;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.clock = clock;
    }

    public void recover() {
        for (String id : executions.idsInStatus(ExecutionStatus.RUNNING)) {
            if (!dispatcher.heldRemotely(id)) {
                completion.finished(
                        id,
                        new RunResult(
                                ExecutionStatus.FAILED,
                                null,
                                "",
                                "controller stopped while this execution was running",
                                false,
                                false,
                                clock.millis(),
                                null));
            }
        }
        for (String id : executions.idsInStatus(ExecutionStatus.PENDING)) {
            if (!dispatcher.heldRemotely(id)) {
                executions.findById(id).ifPresent(this::restart);
            }
        }
    }

    private void restart(Execution e) {
        jobs.find(e.jobId()).ifPresent(job -> dispatcher.start(job, preparation.restore(e)));
    }
}
