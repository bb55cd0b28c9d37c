package io.kronforce.bench.peers;

/**
 * W3: J recurring jobs on an every-second cron. The window is W whole seconds starting at least
 * {@code settle} seconds after registration ended; a fire counts for the cron second its planned
 * time falls in, and lateness is its body start minus that second. The count is taken after the
 * window plus the peer's grace (its poll interval and 3 s), so a late fire is late, not missed.
 */
final class CronWorkload {

    private final int jobs;
    private final int windowSeconds;
    private final int settleSeconds;

    CronWorkload(int jobs, int windowSeconds, int settleSeconds) {
        this.jobs = jobs;
        this.windowSeconds = windowSeconds;
        this.settleSeconds = settleSeconds;
    }

    ResultLine run(PeerAdapter peer, double load1) throws Exception {
        CronLedger ledger = new CronLedger(jobs * (windowSeconds + settleSeconds + 40));
        Probe.useCronLedger(ledger);
        peer.start(RecurringPlan.everySecond(jobs));
        long registeredMs = System.currentTimeMillis();
        CronLedger.Window window = window(registeredMs, peer.cronPeriodSeconds());
        long countAtMs = (window.firstSecond() + windowSeconds) * 1000 + peer.cronGraceMs();
        Thread.sleep(Math.max(0, countAtMs - System.currentTimeMillis()));
        CronLedger.Tally tally = ledger.tally(window);
        ResultLine line = new ResultLine("w3", peer.identity(), load1)
                .put("jobs", jobs)
                .put("periodS", peer.cronPeriodSeconds())
                .put("expected", tally.expected())
                .put("fired", tally.fired())
                .put("missed", tally.missed())
                .put("skipped", tally.skipped())
                .put("duplicates", tally.duplicates())
                .put("offGrid", tally.offGrid())
                .put("early", tally.early())
                // every fire of the run, in the window or not, and how far into the window the
                // latest planned second lies: a peer that fell behind before the window shows
                // few fires in it, a negative lastSlotS and many fires in all.
                .put("allFires", tally.allFires())
                .put("lastSlotS", tally.allFires() == 0 ? 0 : tally.lastSlotSecond() - window.firstSecond());
        if (tally.latenessNs().length > 0) {
            Percentiles lateness = new Percentiles(tally.latenessNs());
            line.put("latP50Ms", lateness.ms(50))
                    .put("latP99Ms", lateness.ms(99))
                    .put("latMaxMs", lateness.maxMs());
        }
        return line.put("settings", peer.settings());
    }

    /** The first whole second at least {@code settle} after registration that is on the period. */
    private CronLedger.Window window(long registeredMs, int periodSeconds) {
        long first = Math.floorDiv(registeredMs + settleSeconds * 1000L + 999, 1000);
        while (first % periodSeconds != 0) {
            first++;
        }
        return new CronLedger.Window(first, windowSeconds, periodSeconds, jobs);
    }
}
