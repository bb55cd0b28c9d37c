package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;

/** Told by {@link Completion} after a run's finish has committed. Called on the reporting thread. */
@FunctionalInterface
public interface FinishListener {

    /**
     * @param job the run's job as the run started with it (no read: a listener that needs its
     *     current row reads it)
     * @param run the execution as it was before the finish (its id, job and attempt)
     * @param status the status it was recorded with, after the output rules had their say
     */
    void finished(Job job, Execution run, ExecutionStatus status);
}
