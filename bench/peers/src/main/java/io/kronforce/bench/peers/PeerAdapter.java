package io.kronforce.bench.peers;

/**
 * What a peer offers the workloads: start with its recurring jobs, enqueue a one-shot job due now,
 * and say when completions are stored. The one-shot body is {@link Probe#oneShot}, the recurring
 * one {@link Probe#cronFired}.
 */
interface PeerAdapter extends AutoCloseable {

    /** Scheduler, store and configuration, as the RESULT line names them. */
    PeerIdentity identity();

    /** The effective settings, one word without spaces (threads, poll, pool...). */
    String settings();

    /** Starts the scheduler with the plan's recurring jobs registered when this returns. */
    void start(RecurringPlan plan) throws Exception;

    /** One job due now whose body is {@code Probe.oneShot(index)}; indices are unique per run. */
    void enqueueNow(int index) throws Exception;

    /**
     * When the {@code count}-th one-shot completion was stored by the peer, or 0 while fewer are.
     * Peers with a post-save hook answer with the hook's time; the others with the time they were
     * seen stored.
     */
    long recordedAtNs(int count) throws Exception;

    /** Seconds between the fires of {@link RecurringPlan.Kind#EVERY_SECOND}. */
    default int cronPeriodSeconds() {
        return 1;
    }

    /** How long after a window's end a late fire still counts: the peer's poll interval and more. */
    long cronGraceMs();

    /** Stops the scheduler and closes its pool; a failure to stop is unchecked (the run is over). */
    @Override
    void close();
}
