package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows and jobs of the runs this controller started, as they were when they started, kept
 * until their finish is recorded: the finish then needs no read of the run or its job. Only this
 * controller's local runs are here; a result from an agent (or after a restart) falls back to the
 * store. Thread-safe.
 */
public final class InFlightRows {
    /** A started run's row and the job it ran for. */
    record Started(Execution row, Job job) {}

    private final Map<String, Started> started = new ConcurrentHashMap<>();

    void put(Execution row, Job job) {
        started.put(row.id(), new Started(row, job));
    }

    /** The run's row and job, forgotten from here on (a finish is recorded once). */
    Optional<Started> take(String executionId) {
        return Optional.ofNullable(started.remove(executionId));
    }

    /** Forgets a run that will not report (its start was refused). */
    void forget(String executionId) {
        started.remove(executionId);
    }
}
