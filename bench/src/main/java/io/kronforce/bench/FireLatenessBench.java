package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * B5 fire lateness (target P2), and the window W3 measures the same way ({@link PrecisionBench}): J jobs on an every-second cron, each an HTTP GET to {@link OkServer}
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

    /**
     * What one firing window showed.
     *
     * @param verdict the counted slots, judged
     * @param tickMicros the baseline's lateness over the same window, ascending
     * @param detail a line for raw.txt: the verdict, the load before and after, the misfire events
     */
    record Window(FireLateness.Verdict verdict, long[] tickMicros, String detail) {}

    /** Measures B5 once on a fresh controller, which is always stopped before the rows are read. */
    void rep(int rep) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        Window w = measure("fire-" + rep, o.fireJobs(), o.fireWindow());
        record(rep, w);
        ctx.results().note("B5 rep=" + rep + " " + w.detail());
    }

    /**
     * Creates {@code jobs} every-second cron jobs on a fresh controller (logged as {@code label}),
     * lets them fire from the next whole second for {@code window}, stops the controller and judges
     * the slots of that window minus {@link #SKIP_HEAD} and {@link #SKIP_TAIL}.
     */
    Window measure(String label, int jobs, Duration window) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        String load = "loadavg1 before=" + BenchContext.loadAverage();
        long fromMs;
        long[] tickMicros;
        Controller controller = ctx.startHealthy(label);
        String created;
        try (controller) {
            JobLoader.Loaded loaded = JobLoader.load(
                    controller.api(),
                    i -> jobJson(label, i),
                    jobs,
                    o.clients(),
                    System.nanoTime() + o.hardLimit().toNanos());
            created = "created " + loaded;
            try (TickBaseline ticks = new TickBaseline()) {
                fromMs = (System.currentTimeMillis() / 1000 + 1) * 1000; // the baseline's first tick, too
                Thread.sleep(fromMs + window.toMillis() - System.currentTimeMillis());
                tickMicros = ticks.stopAndLatenessMicros();
            }
            load += " after=" + BenchContext.loadAverage();
        }
        FireLateness.Verdict v = FireLateness.judge(
                ExecutionRows.scheduled(controller.dbFile()),
                ExecutionRows.jobIds(controller.dbFile()),
                fromMs + SKIP_HEAD.toMillis(),
                fromMs + window.toMillis() - SKIP_TAIL.toMillis());
        // Missed slots are expected to be the misfire policy's doing (run_once coalesces a backlog).
        long misfires = ExecutionRows.count(controller.dbFile(), "events WHERE kind='schedule.misfire_skipped'");
        String detail = created + "; " + FireLateness.describe(v) + " baselineTicks=" + tickMicros.length + " " + load
                + " okServerHits=" + okServer.hits() + " misfireSkippedEvents(whole run)=" + misfires;
        return new Window(v, tickMicros, detail);
    }

    private void record(int rep, Window w) throws IOException {
        recordLateness("B5 fire lateness", rep, w);
        FireLateness.Verdict v = w.verdict();
        Results r = ctx.results();
        // Against the expected count the ratio is the fraction missed (target P2 wants 0 of each).
        // Missed is every slot that did not start; skipped (dropped by the scheduler) is part of it,
        // shown apart so a scheduler that drops slots cannot hide behind a row that never ran.
        r.add("B5 missed fires (not started)", "fires", "expected (job, second) pairs", rep, v.missed(), v.expected());
        r.add("B5 of which skipped", "fires", "expected (job, second) pairs", rep, v.skipped(), v.expected());
        r.add("B5 duplicate fires", "fires", "expected (job, second) pairs", rep, v.duplicates(), v.expected());
    }

    /**
     * Adds the rows {@code <name> p50}, {@code p99} and {@code max} of the window's lateness beside
     * the tick's; fails when nothing started in the counted slots (there is no figure then).
     */
    void recordLateness(String name, int rep, Window w) throws IOException {
        long[] l = w.verdict().latenessMs();
        long[] ticks = w.tickMicros();
        if (l.length == 0 || ticks.length == 0) {
            throw new IOException(
                    name + ": no execution started in the counted slots: " + FireLateness.describe(w.verdict()));
        }
        Results r = ctx.results();
        r.add(name + " p50", "ms", BASELINE, rep, Stats.percentile(l, 50), Stats.percentile(ticks, 50) / 1e3);
        r.add(name + " p99", "ms", BASELINE, rep, Stats.percentile(l, 99), Stats.percentile(ticks, 99) / 1e3);
        r.add(name + " max", "ms", BASELINE, rep, l[l.length - 1], ticks[ticks.length - 1] / 1e3);
    }

    private String jobJson(String label, int i) {
        return """
                {"name":"bench-%s-%d","task":{"type":"http","method":"get","url":"%s"},\
                "schedule":{"type":"cron","value":"* * * * * *"}}""".formatted(label, i, okServer.url());
    }
}
