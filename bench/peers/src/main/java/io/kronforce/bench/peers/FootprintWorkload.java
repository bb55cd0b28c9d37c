package io.kronforce.bench.peers;

/**
 * W4: a fresh JVM registers N recurring jobs that will not fire while measured (a yearly cron).
 * Ready = JVM start to all registered; then, after a settle pause, heap in use after full
 * collections and the resident set ({@code VmRSS}). The idle-JVM baseline is {@link IdleJvmMain}.
 */
final class FootprintWorkload {

    private final int jobs;
    private final int settleMs;

    FootprintWorkload(int jobs, int settleMs) {
        this.jobs = jobs;
        this.settleMs = settleMs;
    }

    ResultLine run(PeerAdapter peer, double load1) throws Exception {
        peer.start(RecurringPlan.yearly(jobs));
        long readyMs = HostFacts.sinceJvmStartMs();
        Thread.sleep(settleMs);
        return new ResultLine("w4", peer.identity(), load1)
                .put("n", jobs)
                .put("readyMs", readyMs)
                .put("heapMB", HostFacts.heapAfterGcMib())
                .put("rssMB", HostFacts.residentMib())
                .put("settings", peer.settings());
    }
}
