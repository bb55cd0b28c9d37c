package io.kronforce.bench;

import java.io.IOException;
import java.util.List;

/**
 * Our row in the peers' four workloads (W1 burst, W2 single-run latency, W3 precision, W4
 * footprint), each on a fresh controller driven through its public REST API, after the cost of the
 * task's work alone ({@link WorkAlone}) measured in the same rep. Each writes a {@code RESULT wl=...}
 * line ({@link WorkloadLine}) for the table that sets them beside Quartz, db-scheduler and JobRunr,
 * and its rows of results.md against a baseline.
 */
final class PeerWorkloads {

    static final List<String> IDS = List.of("w1", "w2", "w3", "w4");

    private final BenchContext ctx;
    private final WorkAlone work;
    private final BurstBench burst;
    private final LatencyBench latency;
    private final PrecisionBench precision;
    private final FootprintBench footprint;

    PeerWorkloads(BenchContext ctx, OkServer okServer, FireLatenessBench fire) {
        this.ctx = ctx;
        this.work = new WorkAlone(ctx, okServer);
        this.burst = new BurstBench(ctx, okServer);
        this.latency = new LatencyBench(ctx);
        this.precision = new PrecisionBench(ctx, fire);
        this.footprint = new FootprintBench(ctx);
    }

    /** Whether any of W1-W4 is selected. */
    boolean wanted() {
        return IDS.stream().anyMatch(ctx.options()::wants);
    }

    /** Measures the work alone, then each selected workload once. */
    void rep(int rep) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        WorkAlone.Work alone = work.rep(rep);
        if (o.wants("w1")) {
            burst.rep(rep, alone);
        }
        if (o.wants("w2")) {
            latency.rep(rep, alone);
        }
        if (o.wants("w3")) {
            precision.rep(rep);
        }
        if (o.wants("w4")) {
            footprint.rep(rep);
        }
    }
}
