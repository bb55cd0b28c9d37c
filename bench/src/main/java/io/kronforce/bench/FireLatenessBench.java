package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * B5 fire lateness (target P2): J jobs on an every-second cron, each an HTTP GET to {@link OkServer}
 * (a shell {@code true} would measure process spawns, not the scheduler), firing for a window.
 * After the controller stopped, its database says when each slot's execution started; the
 * baseline is a plain JDK {@link TickBaseline} ticking in the driver during the same window.
 */
final class FireLatenessBench {

    /** Shortest window: the first 3 s and last 2 s are not counted, which must leave at least 1 s. */
    static final int MIN_WINDOW_S = 6;
    /** Slots this close to the start are skipped: the jobs were just created and the JIT is cold. */
    static final Duration SKIP_HEAD = Duration.ofSeconds(3);
    /** Slots this close to the stop are skipped: their executions may not have started yet. */
    static final Duration SKIP_TAIL = Duration.ofSeconds(2);

    private static final String BASELINE = "JDK scheduleAtFixedRate tick in the driver, same window";

    private final BenchContext ctx;
    private final OkServer okServer;

    FireLatenessBench(BenchContext ctx, OkServer okServer) {
        this.ctx = ctx;
        this.okServer = okServer;
    }

    /** Measures B5 once on a fresh controller, which is always stopped before the rows are read. */
    void rep(int rep) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        String load = "loadavg1 before=" + BenchContext.loadAverage();
        long fromMs;
        long[] tickMicros;
        Controller controller = ctx.startHealthy("fire-" + rep);
        try (controller) {
            JobLoader.Loaded loaded = JobLoader.load(
                    controller.api(),
                    i -> jobJson(rep, i),
                    o.fireJobs(),
                    o.clients(),
                    System.nanoTime() + o.hardLimit().toNanos());
            ctx.results().note("B5 rep=" + rep + " created " + loaded);
            try (TickBaseline ticks = new TickBaseline()) {
                fromMs = (System.currentTimeMillis() / 1000 + 1) * 1000; // the baseline's first tick, too
                Thread.sleep(fromMs + o.fireWindow().toMillis() - System.currentTimeMillis());
                tickMicros = ticks.stopAndLatenessMicros();
            }
            load += " after=" + BenchContext.loadAverage();
        }
        FireLateness.Verdict v = FireLateness.judge(
                ExecutionRows.scheduled(controller.dbFile()),
                ExecutionRows.jobIds(controller.dbFile()),
                fromMs + SKIP_HEAD.toMillis(),
                fromMs + o.fireWindow().toMillis() - SKIP_TAIL.toMillis());
        record(rep, v, tickMicros);
        // Missed slots are expected to be the misfire policy's doing (run_once coalesces a backlog).
        long misfires = ExecutionRows.count(controller.dbFile(), "events WHERE kind='schedule.misfire_skipped'");
        ctx.results()
                .note("B5 rep=" + rep + " " + FireLateness.describe(v) + " baselineTicks=" + tickMicros.length + " "
                        + load + " okServerHits=" + okServer.hits() + " misfireSkippedEvents(whole run)=" + misfires);
    }

    private void record(int rep, FireLateness.Verdict v, long[] tickMicros) throws IOException {
        long[] l = v.latenessMs();
        if (l.length == 0 || tickMicros.length == 0) {
            throw new IOException("B5: no execution started in the counted slots: " + FireLateness.describe(v));
        }
        Results r = ctx.results();
        r.add(
                "B5 fire lateness p50",
                "ms",
                BASELINE,
                rep,
                Stats.percentile(l, 50),
                Stats.percentile(tickMicros, 50) / 1e3);
        r.add(
                "B5 fire lateness p99",
                "ms",
                BASELINE,
                rep,
                Stats.percentile(l, 99),
                Stats.percentile(tickMicros, 99) / 1e3);
        r.add("B5 fire lateness max", "ms", BASELINE, rep, l[l.length - 1], tickMicros[tickMicros.length - 1] / 1e3);
        // Against the expected count the ratio is the fraction missed (target P2 wants 0 of each).
        // Missed is every slot that did not start; skipped (dropped by the scheduler) is part of it,
        // shown apart so a scheduler that drops slots cannot hide behind a row that never ran.
        r.add("B5 missed fires (not started)", "fires", "expected (job, second) pairs", rep, v.missed(), v.expected());
        r.add("B5 of which skipped", "fires", "expected (job, second) pairs", rep, v.skipped(), v.expected());
        r.add("B5 duplicate fires", "fires", "expected (job, second) pairs", rep, v.duplicates(), v.expected());
    }

    private String jobJson(int rep, int i) {
        return """
                {"name":"bench-fire-%d-%d","task":{"type":"http","method":"get","url":"%s"},\
                "schedule":{"type":"cron","value":"* * * * * *"}}""".formatted(rep, i, okServer.url());
    }
}
