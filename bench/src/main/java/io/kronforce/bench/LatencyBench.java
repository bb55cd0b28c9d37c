package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * W2, the peers' single-run latency: one on-demand HTTP job, triggered one run at a time through
 * {@code POST /api/jobs/{id}/trigger}; each run is timed in the driver from sending the trigger to
 * (a) its GET arriving at a dedicated {@link OkServer} in this JVM (the task body starts) and (b) its
 * {@code execution.completed} notice arriving on the change stream ({@link CompletionStream}).
 * {@value #WARMUP_RUNS} unmeasured runs first. Baseline: a bare loopback round trip, one at a time.
 */
final class LatencyBench {

    static final int WARMUP_RUNS = 20;
    private static final Duration RUN_LIMIT = Duration.ofSeconds(10);
    private static final String BASELINE = "bare loopback GET, one at a time";

    private final BenchContext ctx;

    LatencyBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Measures W2 once on a fresh controller. */
    void rep(int rep, WorkAlone.Work work) throws IOException, InterruptedException {
        int n = ctx.options().workloads().latencyRuns();
        BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
        LongSamples startNanos = new LongSamples();
        LongSamples finishNanos = new LongSamples();
        try (OkServer target = new OkServer(arrivals::add);
                Controller controller = ctx.startHealthy("w2-" + rep)) {
            String jobId = controller.createHttpJob("w2-" + rep, target.url());
            try (CompletionStream finishes = CompletionStream.open(controller.api(), RUN_LIMIT)) {
                for (int i = 0; i < WARMUP_RUNS; i++) {
                    runOnce(controller.api(), jobId, arrivals, finishes, new LongSamples(), new LongSamples());
                }
                for (int i = 0; i < n; i++) {
                    runOnce(controller.api(), jobId, arrivals, finishes, startNanos, finishNanos);
                }
            }
        }
        long[] start = LongSamples.sortedUnion(List.of(startNanos));
        long[] finish = LongSamples.sortedUnion(List.of(finishNanos));
        record(rep, start, finish, work.sequential());
    }

    private void runOnce(
            HttpApi api,
            String jobId,
            BlockingQueue<Long> arrivals,
            CompletionStream finishes,
            LongSamples startNanos,
            LongSamples finishNanos)
            throws IOException, InterruptedException {
        arrivals.clear();
        long sent = System.nanoTime();
        HttpApi.Response response = api.post("/api/jobs/" + jobId + "/trigger");
        if (response.status() != 202) {
            throw new IOException(
                    "W2: trigger -> " + response.status() + ": " + JsonFields.abbreviate(response.body()));
        }
        String executionId = JsonFields.get(response.body(), "execution_id");
        Long arrived = arrivals.poll(RUN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        if (arrived == null) {
            throw new IOException("W2: the task of execution " + executionId + " never reached the target");
        }
        CompletionStream.Completion done = finishes.await(executionId, sent + RUN_LIMIT.toNanos());
        if (!"success".equals(done.severity())) {
            throw new IOException("W2: execution " + executionId + " finished " + done.severity());
        }
        startNanos.add(arrived - sent);
        finishNanos.add(done.nanos() - sent);
    }

    private void record(int rep, long[] start, long[] finish, LoadRunner.Result roundTrip) {
        double startP50 = Stats.percentile(start, 50) / 1e6;
        double startP99 = Stats.percentile(start, 99) / 1e6;
        double finishP50 = Stats.percentile(finish, 50) / 1e6;
        double finishP99 = Stats.percentile(finish, 99) / 1e6;
        ctx.results()
                .note(new WorkloadLine("w2")
                        .put("n", start.length)
                        .put("startP50Ms", startP50)
                        .put("startP99Ms", startP99)
                        .put("finishP50Ms", finishP50)
                        .put("finishP99Ms", finishP99)
                        .render(BenchContext.loadAverage()));
        Results r = ctx.results();
        r.add("W2 trigger → task start p50", "ms", BASELINE + " p50", rep, startP50, roundTrip.p50Ms());
        r.add("W2 trigger → task start p99", "ms", BASELINE + " p99", rep, startP99, roundTrip.p99Ms());
        r.add("W2 trigger → recorded finished p50", "ms", BASELINE + " p50", rep, finishP50, roundTrip.p50Ms());
        r.add("W2 trigger → recorded finished p99", "ms", BASELINE + " p99", rep, finishP99, roundTrip.p99Ms());
    }
}
