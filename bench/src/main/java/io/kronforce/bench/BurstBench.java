package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * W1, the peers' burst: N one-shot HTTP jobs (a GET to {@link OkServer}) created through
 * {@code POST /api/jobs} beforehand, all due at the same whole second T, measured from T until
 * every run is recorded finished. The API is polled only to know when to stop; the times come from
 * the stopped controller's SQLite file ({@code started_at_ms}, {@code finished_at_ms}, ms precision), and the count of succeeded runs is checked against the
 * hits the target counted itself. Baseline: the work alone, {@link WorkAlone}'s concurrent rate.
 */
final class BurstBench {

    /**
     * On-demand jobs (they never fire) created twice first on the same controller, to warm the
     * create path and then time it: on these shared cores creation runs anywhere from 100 to 2,000
     * jobs/s, so T cannot be a constant.
     */
    static final int CALIBRATION_JOBS = 200;
    /** T is this many calibrated creation times ahead ... */
    static final double SAFETY = 2.0;
    /** ... plus this. */
    static final Duration LEAD = Duration.ofSeconds(3);
    /** Creation must end this long before T, else the burst is not one (the rep fails loudly). */
    static final Duration MARGIN = Duration.ofSeconds(1);

    private static final Duration POLL = Duration.ofMillis(100);
    private static final String BASELINE = "bare loopback GETs/s, " + WorkAlone.CONTROLLER_RUN_SLOTS + " clients";

    private final BenchContext ctx;
    private final OkServer okServer;

    BurstBench(BenchContext ctx, OkServer okServer) {
        this.ctx = ctx;
        this.okServer = okServer;
    }

    /** Measures W1 once on a fresh controller. */
    void rep(int rep, WorkAlone.Work work) throws IOException, InterruptedException {
        int n = ctx.options().workloads().burstRuns();
        long hitsBefore = okServer.hits();
        long dueMs;
        long cpuMs;
        String created;
        Controller controller = ctx.startHealthy("w1-" + rep);
        try (controller) {
            dueMs = dueSecond(controller.api(), rep, n);
            long now = System.currentTimeMillis();
            String at = Instant.ofEpochMilli(dueMs).toString();
            long createDeadline = System.nanoTime() + (dueMs - MARGIN.toMillis() - now) * 1_000_000;
            JobLoader.Loaded loaded = JobLoader.load(
                    controller.api(), i -> jobJson(rep, i, at), n, ctx.options().clients(), createDeadline);
            long aheadMs = dueMs - System.currentTimeMillis();
            created = "created " + loaded + ", " + aheadMs + " ms before T";
            if (loaded.created() != n || aheadMs < MARGIN.toMillis()) {
                throw new IOException("W1: creation did not finish " + MARGIN.toMillis() + " ms before T (" + created
                        + "); the burst would not be one");
            }
            Thread.sleep(Math.max(0, dueMs - System.currentTimeMillis()));
            long cpuAtT = controller.process().cpuMillis();
            awaitFinished(controller.api(), n);
            cpuMs = controller.process().cpuMillis() - cpuAtT;
        }
        ExecutionRows.Span span = ExecutionRows.span(controller.dbFile(), dueMs);
        long hits = okServer.hits() - hitsBefore;
        record(rep, n, dueMs, span, hits, cpuMs, work);
        ctx.results().note("W1 rep=" + rep + " " + created + "; " + span + " T=" + dueMs + " okServerHits=" + hits);
    }

    private void record(
            int rep, int n, long dueMs, ExecutionRows.Span span, long hits, long cpuMs, WorkAlone.Work work) {
        long done = span.succeeded();
        double execPerSec = done / ((span.lastFinishedMs() - dueMs) / 1e3);
        double procPerSec = done / ((span.lastFinishedMs() - span.firstStartedMs()) / 1e3);
        long firstPickupMs = span.firstStartedMs() - dueMs;
        if (done != n || hits != done || span.atSlot() != n) {
            ctx.results()
                    .note("WARNING W1 rep=" + rep + ": " + done + " of " + n + " succeeded, " + span.atSlot()
                            + " rows at T, target hit " + hits + " times");
        }
        ctx.results()
                .note(new WorkloadLine("w1")
                        .put("n", done)
                        .put("execPerSec", execPerSec)
                        .put("procPerSec", procPerSec)
                        .put("firstPickupMs", firstPickupMs)
                        .put("targetHits", hits)
                        .put("cpuUsPerRun", cpuMs * 1000.0 / Math.max(1, done))
                        .render(BenchContext.loadAverage()));
        double base = work.concurrent().perSecond();
        ctx.results().add("W1 burst, runs/s (T → last finished)", "runs/s", BASELINE, rep, execPerSec, base);
        ctx.results().add("W1 burst, runs/s (first start → last finished)", "runs/s", BASELINE, rep, procPerSec, base);
        // CPU is what a loaded machine cannot take away: the controller's own cost per run, from T to the last finish.
        ctx.results()
                .note("W1 rep=" + rep + " controller CPU " + cpuMs + " ms for " + done + " runs = "
                        + Math.round(cpuMs * 1000.0 / Math.max(1, done)) + " µs per run");
    }

    /**
     * T: the whole second after {@link #SAFETY} times the calibrated time to create n jobs, plus
     * {@link #LEAD}. The create path is warmed by one batch before the timed one: a fresh JVM creates
     * its first jobs several times slower than the rest, and T would be minutes away.
     */
    private long dueSecond(HttpApi api, int rep, int n) throws IOException, InterruptedException {
        onDemandJobs(api, "w1-warm-" + rep);
        JobLoader.Loaded calibration = onDemandJobs(api, "w1-timed-" + rep);
        long createMs = (long) (SAFETY * n / calibration.perSecond() * 1000);
        ctx.results().note("W1 rep=" + rep + " calibration " + calibration + ": T " + createMs + " ms + lead ahead");
        return ((System.currentTimeMillis() + LEAD.toMillis() + createMs) / 1000 + 1) * 1000;
    }

    private JobLoader.Loaded onDemandJobs(HttpApi api, String prefix) throws IOException, InterruptedException {
        JobLoader.Loaded loaded = JobLoader.load(
                api,
                i -> """
                        {"name":"%s-%d","task":{"type":"http","url":"%s"},\
                        "schedule":{"type":"on_demand"}}""".formatted(prefix, i, okServer.url()),
                CALIBRATION_JOBS,
                ctx.options().clients(),
                System.nanoTime() + ctx.options().hardLimit().toNanos());
        if (loaded.created() != CALIBRATION_JOBS) {
            throw new IOException("W1: calibration " + loaded);
        }
        return loaded;
    }

    /** Polls the API until n runs are recorded finished (bounded by the hard limit). */
    private void awaitFinished(HttpApi api, int n) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ctx.options().hardLimit().toNanos();
        while (true) {
            long finished = ThroughputBench.total(api, "succeeded") + ThroughputBench.total(api, "failed");
            if (finished >= n) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("W1: only " + finished + " of " + n + " runs finished within "
                        + ctx.options().hardLimit() + " after T");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private String jobJson(int rep, int i, String at) {
        return """
                {"name":"w1-%d-%d","task":{"type":"http","method":"get","url":"%s"},\
                "schedule":{"type":"one_shot","value":"%s"}}""".formatted(rep, i, okServer.url(), at);
    }
}
