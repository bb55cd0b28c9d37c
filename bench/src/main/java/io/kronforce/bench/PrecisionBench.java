package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;

/**
 * W3, the peers' precision: J jobs on the every-second cron {@code * * * * * *}, an HTTP GET to
 * {@link OkServer} each, judged over a window of whole seconds that starts at least
 * {@link FireLatenessBench#SKIP_HEAD} after the last job was created; the controller runs on for
 * {@link FireLatenessBench#SKIP_TAIL} after it, so the window's last slots can start, and is then
 * stopped and its SQLite file read. B5's measurement ({@link FireLatenessBench#measure}) with the
 * peers' sizes and the peers' notion of a miss: a slot that did not start, whether it has no row or a
 * {@code skipped} one. Baseline: the JDK tick's lateness over the same run, as in B5.
 */
final class PrecisionBench {

    private final BenchContext ctx;
    private final FireLatenessBench fire;

    PrecisionBench(BenchContext ctx, FireLatenessBench fire) {
        this.ctx = ctx;
        this.fire = fire;
    }

    /** Measures W3 once on a fresh controller. */
    void rep(int rep) throws IOException, InterruptedException {
        BenchOptions.Workloads w = ctx.options().workloads();
        Duration run = w.precisionWindow().plus(FireLatenessBench.SKIP_HEAD).plus(FireLatenessBench.SKIP_TAIL);
        FireLatenessBench.Window window = fire.measure("w3-" + rep, w.precisionJobs(), run);
        fire.recordLateness("W3 lateness", rep, window);
        FireLateness.Verdict v = window.verdict();
        long[] l = v.latenessMs();
        ctx.results()
                .note(new WorkloadLine("w3")
                        .put("jobs", w.precisionJobs())
                        .put("expected", v.expected())
                        .put("fired", l.length)
                        .put("missed", v.missed())
                        .put("skipped", v.skipped())
                        .put("duplicates", v.duplicates())
                        .put("latP50Ms", Stats.percentile(l, 50))
                        .put("latP99Ms", Stats.percentile(l, 99))
                        .put("latMaxMs", l[l.length - 1])
                        .render(BenchContext.loadAverage()));
        Results r = ctx.results();
        r.add("W3 slots not started", "slots", "expected (job, second) slots", rep, v.missed(), v.expected());
        r.note("W3 rep=" + rep + " " + window.detail());
    }
}
