package io.kronforce.controller.executions;

import io.kronforce.controller.domain.Job;
import java.util.Optional;

/** Where the {@link Dispatcher} hands runs whose target is not the controller itself: the agents. */
public interface RemoteDispatch {

    /**
     * Hands a recorded pending run to the agents, the pool or the function its target names.
     *
     * @return why nobody can take it; empty when it was handed over or queued
     */
    Optional<String> start(Job job, PreparedRun run);

    /** Withdraws a run being cancelled: its late result will be refused, a push agent told to stop. */
    boolean withdraw(String executionId);

    /** Whether an agent holds the run (pushed, claimed or queued). */
    boolean holds(String executionId);
}
