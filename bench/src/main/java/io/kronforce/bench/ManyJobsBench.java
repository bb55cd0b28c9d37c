package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * B6 (target P3): a controller restarted on a database of N yearly cron jobs ({@code 0 0 0 1 1 *},
 * so none fires during the bench): startup to healthy, RSS after 5 s idle and idle CPU over 10 s.
 * Baseline: the same three measurements of a controller on an empty database in the same rep.
 */
final class ManyJobsBench {

    /** Idle time before RSS is read: startup work (scheduler load, JIT) should be over. */
    static final Duration SETTLE = Duration.ofSeconds(5);
    /** Window of the idle CPU measurement. */
    static final Duration CPU_WINDOW = Duration.ofSeconds(10);
    /** Bound on creating the jobs; past it B6 goes on with the jobs created so far and says so. */
    static final Duration CREATE_LIMIT = Duration.ofMinutes(3);
    /** Scheduled jobs the scheduler has not given a next fire yet (also W4's planned check). */
    static final String UNPLANNED = "jobs WHERE next_fire_ms IS NULL AND status='scheduled'";

    /** What one idle controller showed. */
    record Idle(double healthyMs, double rssMiB, double cpuPercent) {}

    private final BenchContext ctx;

    ManyJobsBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Measures B6 once: empty baseline, then create N jobs, stop, restart on them and measure. */
    void rep(int rep) throws IOException, InterruptedException {
        Idle empty = probe(ctx.startController("many-empty-" + rep));
        Path workDir = Files.createTempDirectory(ctx.scratch(), "many-" + rep + "-");
        String stored = populate(rep, workDir);
        String load = "loadavg1 before restart=" + BenchContext.loadAverage();
        Idle full = probe(ctx.startIn(workDir, "many-restart-" + rep));
        Results r = ctx.results();
        r.add("B6 startup to healthy, many jobs", "ms", "empty database", rep, full.healthyMs(), empty.healthyMs());
        r.add("B6 RSS after 5 s idle, many jobs", "MiB", "empty database", rep, full.rssMiB(), empty.rssMiB());
        r.add(
                "B6 idle CPU over 10 s, many jobs",
                "% of a core",
                "empty database",
                rep,
                full.cpuPercent(),
                empty.cpuPercent());
        r.note("B6 rep=" + rep + " (" + stored + ") full=" + full + " empty=" + empty + " " + load + " after="
                + BenchContext.loadAverage());
    }

    /**
     * Creates the jobs on a controller in {@code workDir}, waits (bounded) until its scheduler has
     * planned them all, stops it, and says what the database holds. Without the wait the restart
     * would plan the backlog during the idle window and B6 would measure catch-up, not rest.
     */
    private String populate(int rep, Path workDir) throws IOException, InterruptedException {
        Path db = workDir.resolve("kronforce.db");
        try (Controller loader = ctx.startIn(workDir, "many-create-" + rep)) {
            loader.awaitHealthy(ctx.options().hardLimit());
            long deadline = System.nanoTime() + CREATE_LIMIT.toNanos();
            long cpuAtFirstCreate = loader.process().cpuMillis();
            JobLoader.Loaded loaded = JobLoader.load(
                    loader.api(),
                    i -> yearlyJobJson("bench-many-" + rep, i),
                    ctx.options().manyJobs(),
                    ctx.options().clients(),
                    deadline);
            long waitStart = System.nanoTime();
            long cpuStart = loader.process().cpuMillis();
            String loadAtLastCreate = BenchContext.loadAverage();
            while (ExecutionRows.count(db, UNPLANNED) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(200); // a reader beside the controller: WAL lets it read without blocking writes
            }
            double catchUpMs = (System.nanoTime() - waitStart) / 1e6;
            double catchUpCpuMs = loader.process().cpuMillis() - cpuStart;
            Results r = ctx.results();
            // Against the create phase itself: the share of the import's time (and CPU) that comes after it.
            r.add(
                    "B6 catch-up after the last create",
                    "ms",
                    "create phase wall time",
                    rep,
                    catchUpMs,
                    loaded.seconds() * 1000);
            r.add(
                    "B6 catch-up CPU after the last create",
                    "core-ms",
                    "create phase wall time",
                    rep,
                    catchUpCpuMs,
                    loaded.seconds() * 1000);
            r.note("B6 rep=" + rep + " created " + loaded + ", all planned " + Math.round(catchUpMs)
                    + " ms after the last create, " + Math.round(catchUpCpuMs)
                    + " core-ms CPU meanwhile (" + (cpuStart - cpuAtFirstCreate)
                    + " core-ms during the creates); loadavg1 at the"
                    + " last create=" + loadAtLastCreate + " when planned=" + BenchContext.loadAverage());
        }
        return ExecutionRows.count(db, "jobs") + " jobs stored, " + ExecutionRows.count(db, UNPLANNED)
                + " unplanned at restart";
    }

    /** Measures one controller from spawn to the end of its idle window, then stops it. */
    private Idle probe(Controller controller) throws IOException, InterruptedException {
        try (controller) {
            Duration healthy = controller.awaitHealthy(ctx.options().hardLimit());
            Thread.sleep(SETTLE.toMillis());
            double rss = controller.process().rssMiB();
            long cpuBefore = controller.process().cpuMillis();
            long before = System.nanoTime();
            Thread.sleep(CPU_WINDOW.toMillis());
            long cpuMs = controller.process().cpuMillis() - cpuBefore;
            double wallMs = (System.nanoTime() - before) / 1e6;
            return new Idle(healthy.toNanos() / 1e6, rss, 100.0 * cpuMs / wallMs);
        }
    }

    /** Job {@code i} named {@code <prefix>-<i>}, on a yearly cron ({@code 0 0 0 1 1 *}) that does not fire during a bench. */
    static String yearlyJobJson(String prefix, int i) {
        // A shell task is fine here: nothing fires before next New Year.
        return """
                {"name":"%s-%d","task":{"type":"shell","command":"true"},\
                "schedule":{"type":"cron","value":"0 0 0 1 1 *"}}""".formatted(prefix, i);
    }
}
