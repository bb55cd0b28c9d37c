package io.kronforce.worker.host;

import java.time.Instant;

/**
 * What a caller of {@link TaskHost#execute} hears while the run goes, on the run's own thread.
 * Every method has a do-nothing default. An exception from {@link #started} ends the run before its
 * handler starts and propagates to the caller of {@code execute}; the output methods must not throw
 * (the handler would see the exception).
 */
public interface RunObserver {
    /** Hears nothing. */
    RunObserver NONE = new RunObserver() {};

    /**
     * The run is registered with the host and its handler is about to start. A stop that comes
     * while this method runs is recorded, not delivered as an interrupt, so blocking work here
     * (a store write) is never cut short; the handler then does not start and the result says why.
     * The deadline is armed only after this returns.
     */
    default void started(Instant at) {}

    /** A chunk of the task's stdout, as produced and before any cap. Must not block for long. */
    default void stdout(String text) {}

    /** A chunk of the task's stderr, as produced and before any cap. Must not block for long. */
    default void stderr(String text) {}
}
