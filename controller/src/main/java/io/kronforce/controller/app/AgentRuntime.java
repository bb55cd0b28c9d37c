package io.kronforce.controller.app;

/**
 * The controller's side of remote execution, as the front doors and the composition root see it:
 * the registry, the dispatcher's remote half, the pull queue, the result intake and the sweep.
 */
public record AgentRuntime(Agents agents, RemoteRuns remote, WorkQueue queue, ResultIntake results,
                           LeaseSweep sweep) implements AutoCloseable {

    /** Starts the housekeeping timer. */
    public void start() {
        sweep.start();
    }

    /** Stops the timer and ends every long-poll wait. */
    @Override
    public void close() {
        sweep.close();
        remote.close();
    }
}
