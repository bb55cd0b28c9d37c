package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalDouble;

/**
 * W4, the peers' footprint: a fresh controller on an empty database gets N yearly cron jobs through
 * {@code POST /api/jobs} (from C clients, as soon as it is healthy); ready = spawn of the JVM → every
 * job created and planned (no scheduled job without a persisted next fire, polled in the SQLite file
 * every {@value #POLL_MS} ms, the time taken after the poll). After {@link StartupBench#SETTLE} idle:
 * the child's VmRSS, then its heap after a full GC ({@link HeapInfo}). Baseline: the same controller
 * start on an empty database, same rep: startup to healthy, RSS and heap after the same idle time.
 */
final class FootprintBench {

    private static final long POLL_MS = 20;
    private static final String BASELINE = "controller on an empty database";

    /** What one controller showed: ready (or healthy, when empty), RSS and heap after GC (empty if unknown). */
    record Footprint(double readyMs, double rssMiB, OptionalDouble heapMiB) {}

    private final BenchContext ctx;

    FootprintBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /** Measures W4 once: the empty baseline, then N jobs on another fresh controller. */
    void rep(int rep) throws IOException, InterruptedException {
        int n = ctx.options().workloads().footprintJobs();
        Footprint empty;
        try (Controller controller = ctx.startController("w4-empty-" + rep)) {
            Duration healthy = controller.awaitHealthy(ctx.options().hardLimit());
            empty = settled(controller, healthy.toNanos() / 1e6);
        }
        Footprint full;
        String created;
        try (Controller controller = ctx.startController("w4-" + rep)) {
            controller.awaitHealthy(ctx.options().hardLimit());
            long deadline = System.nanoTime() + ctx.options().hardLimit().toNanos();
            JobLoader.Loaded loaded = JobLoader.load(
                    controller.api(),
                    i -> ManyJobsBench.yearlyJobJson("w4-" + rep, i),
                    n,
                    ctx.options().clients(),
                    deadline);
            created = "created " + loaded;
            if (loaded.created() != n) {
                throw new IOException("W4: " + created + " of " + n);
            }
            while (ExecutionRows.count(controller.dbFile(), ManyJobsBench.UNPLANNED) > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(
                            "W4: jobs still unplanned after " + ctx.options().hardLimit());
                }
                Thread.sleep(POLL_MS); // a reader beside the controller: WAL lets it read without blocking writes
            }
            double readyMs = (System.nanoTime() - controller.process().startedNanos()) / 1e6;
            full = settled(controller, readyMs);
        }
        record(rep, n, full, empty);
        ctx.results().note("W4 rep=" + rep + " " + created + " full=" + full + " empty=" + empty);
    }

    /** Idles, then reads RSS and (after a full GC) the heap. */
    private static Footprint settled(Controller controller, double readyMs) throws IOException, InterruptedException {
        Thread.sleep(StartupBench.SETTLE.toMillis());
        double rss = controller.process().rssMiB();
        return new Footprint(
                readyMs, rss, HeapInfo.afterGcMiB(controller.process().pid()));
    }

    private void record(int rep, int n, Footprint full, Footprint empty) {
        WorkloadLine line = new WorkloadLine("w4").put("n", n).put("readyMs", full.readyMs());
        full.heapMiB().ifPresent(heap -> line.put("heapMB", heap));
        ctx.results().note(line.put("rssMB", full.rssMiB()).render(BenchContext.loadAverage()));
        Results r = ctx.results();
        r.add(
                "W4 ready: spawn → all jobs created and planned",
                "ms",
                BASELINE + ": spawn → healthy",
                rep,
                full.readyMs(),
                empty.readyMs());
        r.add("W4 RSS after 3 s idle", "MiB", BASELINE, rep, full.rssMiB(), empty.rssMiB());
        if (full.heapMiB().isPresent() && empty.heapMiB().isPresent()) {
            r.add(
                    "W4 heap after full GC",
                    "MiB",
                    BASELINE,
                    rep,
                    full.heapMiB().getAsDouble(),
                    empty.heapMiB().getAsDouble());
        } else {
            r.skip("W4 heap after full GC", "jcmd could not read the child's heap (the driver's stderr says why)");
        }
    }
}
