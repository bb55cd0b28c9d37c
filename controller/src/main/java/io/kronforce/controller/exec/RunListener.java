package io.kronforce.controller.exec;

/** Where the executor reports progress. Called on the run's own virtual thread. */
public interface RunListener {

    /** The handler is about to start. */
    void started(String executionId, long atMs);

    /** The run is over, whatever the reason. Called exactly once per submitted run. */
    void finished(String executionId, RunResult result);
}
