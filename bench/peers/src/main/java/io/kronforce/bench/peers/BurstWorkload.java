package io.kronforce.bench.peers;

import java.util.concurrent.TimeUnit;

/**
 * W1: after a warm-up batch, N one-shot jobs due now, enqueued from one thread one call each;
 * the clock runs from the first enqueue until all N ran and their completions are stored.
 * {@code procPerSec} starts the clock at the first body instead (pick-up delay left out), and
 * {@code enqueuePerSec} shows when the enqueue loop itself is the limit.
 */
final class BurstWorkload {

    private static final long PAUSE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final int jobs;
    private final int warmUp;
    private final long limitNs;

    BurstWorkload(int jobs, int warmUp, int limitSeconds) {
        this.jobs = jobs;
        this.warmUp = warmUp;
        this.limitNs = TimeUnit.SECONDS.toNanos(limitSeconds);
    }

    ResultLine run(PeerAdapter peer, double load1) throws Exception {
        peer.start(RecurringPlan.NONE);
        enqueue(peer, 0, warmUp);
        awaitRecorded(peer, warmUp);
        long t0 = System.nanoTime();
        enqueue(peer, warmUp, jobs);
        long enqueued = System.nanoTime();
        long recorded = awaitRecorded(peer, warmUp + jobs);
        long firstStart = firstStart();
        return new ResultLine("w1", peer.identity(), load1)
                .put("n", jobs)
                .put("execPerSec", perSecond(recorded - t0))
                .put("procPerSec", perSecond(recorded - firstStart))
                .put("firstPickupMs", (firstStart - t0) / 1e6)
                .put("enqueuePerSec", perSecond(enqueued - t0))
                .put("wallMs", (recorded - t0) / 1e6)
                .put("settings", peer.settings());
    }

    private static void enqueue(PeerAdapter peer, int from, int count) throws Exception {
        for (int i = from; i < from + count; i++) {
            peer.enqueueNow(i);
        }
    }

    private long awaitRecorded(PeerAdapter peer, int total) throws Exception {
        long done = Await.until(() -> peer.recordedAtNs(total), System.nanoTime() + limitNs, PAUSE_NS);
        if (done == 0) {
            throw new IllegalStateException(
                    Probe.bodies() + " of " + total + " bodies ran; not all recorded within the limit");
        }
        return done;
    }

    private double perSecond(long nanos) {
        return jobs / (Math.max(nanos, 1) / 1e9);
    }

    private long firstStart() {
        long first = Long.MAX_VALUE;
        for (int i = warmUp; i < warmUp + jobs; i++) {
            long started = Probe.startedNs(i);
            first = started == 0 ? first : Math.min(first, started);
        }
        return first;
    }
}
