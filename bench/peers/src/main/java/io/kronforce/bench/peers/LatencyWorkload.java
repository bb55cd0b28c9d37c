package io.kronforce.bench.peers;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * W2: one job at a time, the next enqueued once the previous one's completion is stored; per
 * job, enqueue → body start and enqueue → recorded. A poll-driven peer gets a random pause in
 * [0, think) before each enqueue, so the loop does not lock onto its poll tick. A slow poller
 * reports as many samples as the time limit allowed ({@code n}).
 */
final class LatencyWorkload {

    /** Short, because Quartz is watched by looking (no hook): its finish times are that fine. */
    private static final long PAUSE_NS = TimeUnit.MICROSECONDS.toNanos(100);

    private final int jobs;
    private final int warmUp;
    private final int thinkMs;
    private final long limitNs;

    LatencyWorkload(int jobs, int warmUp, int thinkMs, int limitSeconds) {
        this.jobs = jobs;
        this.warmUp = warmUp;
        this.thinkMs = thinkMs;
        this.limitNs = TimeUnit.SECONDS.toNanos(limitSeconds);
    }

    ResultLine run(PeerAdapter peer, double load1) throws Exception {
        peer.start(RecurringPlan.NONE);
        long deadline = System.nanoTime() + limitNs;
        long[] start = new long[jobs];
        long[] finish = new long[jobs];
        int measured = 0;
        for (int i = 0; i < warmUp + jobs && System.nanoTime() < deadline; i++) {
            think();
            long t0 = System.nanoTime();
            peer.enqueueNow(i);
            int index = i;
            long recorded = Await.until(() -> peer.recordedAtNs(index + 1), deadline, PAUSE_NS);
            if (recorded == 0) {
                break;
            }
            if (i >= warmUp) {
                start[measured] = Probe.startedNs(i) - t0;
                finish[measured++] = recorded - t0;
            }
        }
        if (measured == 0) {
            throw new IllegalStateException("no job was recorded within the limit");
        }
        Percentiles starts = new Percentiles(Arrays.copyOf(start, measured));
        Percentiles finishes = new Percentiles(Arrays.copyOf(finish, measured));
        return new ResultLine("w2", peer.identity(), load1)
                .put("n", measured)
                .put("startP50Ms", starts.ms(50))
                .put("startP99Ms", starts.ms(99))
                .put("finishP50Ms", finishes.ms(50))
                .put("finishP99Ms", finishes.ms(99))
                .put("finishMaxMs", finishes.maxMs())
                .put("settings", peer.settings());
    }

    private void think() throws InterruptedException {
        if (thinkMs > 0) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(thinkMs));
        }
    }
}
