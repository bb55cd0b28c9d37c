package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * B16, the soak: a fresh controller with retention purging continuously (a {@link #HORIZON} horizon,
 * a pass every {@link #RETENTION_EVERY}) takes {@code --soak-rate} triggers a second of on-demand
 * HTTP jobs (a GET to the loopback {@link OkServer}) through the REST API for {@code --soak-minutes},
 * on an open-loop schedule. Every minute the controller is sampled ({@link SoakSampler}); the runs
 * are timed from each trigger's due time to its completion notice on {@code /api/changes}
 * ({@link SoakLedger}). The verdict: every series flat from minute 5 ({@link SoakReport}) and no error.
 */
final class SoakBench {

    /** Jobs the triggers go round; several, so no single job's rows are all that is written. */
    static final int JOBS = 20;
    /** Finished runs, their events and audit rows older than this are purged. */
    static final Duration HORIZON = Duration.ofMinutes(2);
    /** The retention pass's period: at 500/s each pass deletes about a minute of history. */
    static final Duration RETENTION_EVERY = Duration.ofMinutes(1);

    /**
     * Slack on top of horizon + period in the bound on executions stored: a pass takes a while, and
     * runs still in flight are not purgeable yet.
     */
    static final Duration RETENTION_SLACK = Duration.ofSeconds(30);

    private static final Set<String> FINISHED = Set.of("succeeded", "failed", "timed_out", "cancelled", "skipped");
    private static final Duration POLL = Duration.ofMillis(200);

    private final BenchContext ctx;
    private final OkServer okServer;

    SoakBench(BenchContext ctx, OkServer okServer) {
        this.ctx = ctx;
        this.okServer = okServer;
    }

    /** What became of the runs whose completion notice never came (the stream dropped it, or they never finished). */
    record Leftovers(long finishedUnseen, long failedUnseen, long purgedUnseen, long neverFinished) {}

    /** Runs the soak once on a fresh controller. */
    void rep(int rep) throws IOException, InterruptedException {
        BenchOptions.Soak soak = ctx.options().soak();
        Duration limit = ctx.options().hardLimit();
        String label = "soak-" + rep;
        Map<String, String> env = Map.of(
                "KRONFORCE_RETENTION_HORIZON_SECS", Long.toString(HORIZON.toSeconds()),
                "KRONFORCE_RETENTION_EVERY_SECS", Long.toString(RETENTION_EVERY.toSeconds()));
        String loadAtStart = BenchContext.loadAverage();
        List<SoakSampler.Sample> samples;
        SoakLoad.Sent sent;
        SoakLedger ledger;
        Leftovers leftovers;
        try (Controller controller = ctx.startHealthy(label, env)) {
            List<String> jobs = new ArrayList<>();
            for (int i = 0; i < JOBS; i++) {
                jobs.add(controller.createHttpJob("soak-" + rep + "-" + i, okServer.url()));
            }
            Pacer pacer = new Pacer(System.nanoTime() + 1_000_000_000L, soak.perSecond());
            ledger = new SoakLedger(pacer);
            SoakLedger book = ledger;
            // The stream feeds the ledger from its own thread; the body never reads it directly.
            CompletionStream stream = CompletionStream.open(controller.api(), limit, c -> notice(book, c));
            try {
                SoakSampler sampler = new SoakSampler(controller, pacer, ledger, soak.minutes());
                Thread sampling = Thread.ofPlatform().name("soak-sampler").start(sampler);
                sent = new SoakLoad(controller.api(), jobs, ledger)
                        .run(pacer, pacer.sendsWithin(Duration.ofMinutes(soak.minutes())), limit);
                sampling.join();
                awaitNotices(ledger, limit);
                samples = sampler.samples();
            } finally {
                stream.close();
            }
            leftovers = leftovers(controller.api(), ledger.unfinished());
        }
        report(rep, soak, samples, ledger, sent, leftovers, loadAtStart, retentionPasses(label));
    }

    private static void notice(SoakLedger ledger, CompletionStream.Completion c) {
        if (c.isResync()) {
            ledger.resync(c.nanos());
        } else {
            ledger.finished(c.executionId(), c.nanos(), "success".equals(c.severity()));
        }
    }

    /** Waits until every accepted trigger's completion was seen, or the stream went quiet past the limit. */
    private static void awaitNotices(SoakLedger ledger, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!ledger.unfinished().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
        }
    }

    /** Asks the controller about each run whose notice never came: a 404 means finished and already purged. */
    private static Leftovers leftovers(HttpApi api, List<String> ids) throws IOException, InterruptedException {
        long finished = 0;
        long failed = 0;
        long purged = 0;
        long never = 0;
        for (String id : ids) {
            HttpApi.Response r = api.get("/api/executions/" + id);
            String status = r.status() == 200 ? JsonFields.get(r.body(), "status") : null;
            if (r.status() == 404) {
                purged++;
            } else if (status != null && FINISHED.contains(status)) {
                finished++;
                failed += status.equals("succeeded") ? 0 : 1;
            } else {
                never++;
            }
        }
        return new Leftovers(finished, failed, purged, never);
    }

    /** Retention passes that removed something, counted in the controller's log. */
    private long retentionPasses(String label) throws IOException {
        try (var lines = Files.lines(ctx.options().out().resolve(label + ".log"))) {
            return lines.filter(l -> l.contains("retention removed")).count();
        }
    }

    /** The executions retention should never let pile up: horizon, period and slack of history at the rate. */
    static long storedBound(BenchOptions.Soak soak) {
        return HORIZON.plus(RETENTION_EVERY).plus(RETENTION_SLACK).toSeconds() * soak.perSecond();
    }

    private void report(
            int rep,
            BenchOptions.Soak soak,
            List<SoakSampler.Sample> samples,
            SoakLedger ledger,
            SoakLoad.Sent sent,
            Leftovers leftovers,
            String loadAtStart,
            long retentionPasses) {
        List<SoakMinute> minutes = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            minutes.add(SoakMinute.of(i + 1, samples.get(i), ledger.minute(i)));
        }
        SoakLedger.Minute total = ledger.total();
        long errors = total.errors() + leftovers.failedUnseen() + leftovers.neverFinished();
        List<SoakReport.Judged> judged = SoakReport.judge(minutes);
        Results r = ctx.results();
        for (SoakReport.Judged j : judged) {
            r.add(
                    "B16 soak " + j.series().label + ", last minute",
                    j.series().unit.replace(' ', '_'),
                    "the same at minute " + SoakReport.judgedFrom(minutes.size()) + ", same run",
                    rep,
                    j.verdict().last(),
                    j.verdict().first());
        }
        r.add("B16 soak errors (rejected, failed, never finished)", "runs", "triggers sent", rep, errors, sent.sends());
        String totals = String.format(
                java.util.Locale.ROOT,
                "Sent %,d triggers (%d/s for %d min; the driver sent at most %.1f ms after a due time); %,d recorded"
                        + " succeeded and %,d failed as seen on /api/changes, %,d rejected; %d resyncs of the stream,"
                        + " after which %,d runs were found finished (%d failed), %,d already purged, %,d never"
                        + " finished. Retention passes that purged: %d. Load average at start %s, at end %s."
                        + " First rejection: %s.",
                sent.sends(),
                soak.perSecond(),
                soak.minutes(),
                sent.maxLateMs(),
                total.succeeded(),
                total.failed(),
                total.rejected(),
                total.resyncs(),
                leftovers.finishedUnseen(),
                leftovers.failedUnseen(),
                leftovers.purgedUnseen(),
                leftovers.neverFinished(),
                retentionPasses,
                loadAtStart,
                BenchContext.loadAverage(),
                sent.firstRejection());
        r.note("B16 rep=" + rep + " " + totals);
        r.section("## B16 soak, rep " + rep + "\n\n"
                + "Controller: `KRONFORCE_RETENTION_HORIZON_SECS=" + HORIZON.toSeconds()
                + "`, `KRONFORCE_RETENTION_EVERY_SECS=" + RETENTION_EVERY.toSeconds() + "`, " + JOBS
                + " on-demand http jobs. Each row is sampled at the minute's end; latencies and counts are of the"
                + " runs whose completion arrived in that minute.\n\n"
                + SoakReport.table(minutes) + "\n" + totals + "\n\n"
                + SoakReport.verdict(minutes, judged, storedBound(soak), errors));
    }
}
