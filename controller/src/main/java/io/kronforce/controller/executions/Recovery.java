package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.exec.RunListener;
import io.kronforce.controller.exec.RunResult;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;

/**
 * Start-up recovery of the runs a stop left behind: runs interrupted by a crash are closed as
 * failed (their side effects may have happened, so they are not silently repeated); acknowledged
 * triggers that never started run now — except a scheduler's row admitted ahead of its slot, which
 * goes to the {@link SlotRelease}: held until its slot when that is still to come (never started
 * early), released at once when it has passed, skipped when its job changed since its admission. Runs an
 * agent still holds are left to their agent (its result or the lease expiry closes them); queued runs
 * and planned retries are their timers'.
 */
public final class Recovery {
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final RunPreparation preparation;
    private final Dispatcher dispatcher;
    private final RunListener completion;
    private final SlotRelease release;
    private final InstantSource clock;

    public Recovery(
            ExecutionStore executions,
            JobCatalog jobs,
            RunPreparation preparation,
            Dispatcher dispatcher,
            RunListener completion,
            SlotRelease release,
            InstantSource clock) {
        this.executions = executions;
        this.jobs = jobs;
        this.preparation = preparation;
        this.dispatcher = dispatcher;
        this.completion = completion;
        this.release = release;
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
        jobs.find(e.jobId()).ifPresent(job -> {
            if (admittedAhead(e)) {
                // Held until its slot (released at once when the slot has passed), never started early. A
                // change of the job since the row was admitted (the stop lost the release's memory of it)
                // closes the row at its slot, as it would have without the stop.
                boolean stale = job.status() != JobStatus.SCHEDULED || job.updatedAtMs() > e.createdAtMs();
                release.holdRecovered(job, preparation.restore(e), stale);
                return;
            }
            dispatcher.start(job, preparation.restore(e));
        });
    }

    /** A scheduler row written before its slot: only an admission ahead of the slot does that. */
    private static boolean admittedAhead(Execution e) {
        return e.scheduledForMs() != null && e.createdAtMs() < e.scheduledForMs();
    }
}
