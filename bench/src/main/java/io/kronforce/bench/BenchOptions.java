package io.kronforce.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line settings of one bench run.
 *
 * @param reps repetitions of every measurement (min / median / max are over these)
 * @param duration measured window of each load phase (B3, B4 baseline)
 * @param warmup load before the window, not counted
 * @param clients concurrent virtual-thread clients (B3, B4, B8)
 * @param triggers executions fired per B4 rep
 * @param only figures to measure: a subset of b1 .. b8
 * @param hardLimit upper bound of any single wait (startup, recording, a load phase)
 * @param jar the packaged controller
 * @param out where results.md, raw.txt and the child logs go
 * @param fireJobs every-second cron jobs of B5
 * @param fireWindow how long B5 lets them fire
 * @param manyJobs yearly cron jobs B6 stores before its restart
 * @param handlerOps measured runs per handler and per baseline in each B7 rep
 * @param workers long-polling pull workers of B9
 * @param listJobs jobs in B11's large database
 * @param listExecutions executions in B11's large database
 * @param listSamples measured requests per page and database in each B11 rep
 * @param pageSamples measured browser loads per list view and database in each B13 rep
 * @param workloads the sizes of the peers' workloads W1-W4
 * @param dbSync the controllers' {@code KRONFORCE_DB_SYNCHRONOUS}: {@code normal}, {@code full}, or {@code both}
 *     (B4 then measures each, alternating, on controllers of its own; the others keep the default)
 * @param scaleJobs registered jobs in B14's large database (cron, interval and calendar)
 * @param soak B16's length and rate
 */
public record BenchOptions(
        int reps,
        Duration duration,
        Duration warmup,
        int clients,
        int triggers,
        Set<String> only,
        Duration hardLimit,
        Path jar,
        Path out,
        int fireJobs,
        Duration fireWindow,
        int manyJobs,
        int handlerOps,
        int workers,
        int listJobs,
        int listExecutions,
        int listSamples,
        int pageSamples,
        Workloads workloads,
        String dbSync,
        int scaleJobs,
        Soak soak) {

    /**
     * B16, the soak.
     *
     * @param minutes how long the load runs (and how many per-minute samples are taken)
     * @param perSecond triggers per second on the open-loop schedule
     */
    public record Soak(int minutes, int perSecond) {}

    /**
     * The sizes of the workloads the peers (Quartz, db-scheduler, JobRunr) are measured on; the
     * defaults are the peers' definitions, smaller values are for trying the driver out.
     *
     * @param burstRuns W1: one-shot jobs all due at the same instant
     * @param latencyRuns W2: measured triggers, one at a time
     * @param precisionJobs W3: every-second cron jobs
     * @param precisionWindow W3: the counted slots
     * @param footprintJobs W4: yearly cron jobs registered
     */
    public record Workloads(
            int burstRuns, int latencyRuns, int precisionJobs, Duration precisionWindow, int footprintJobs) {}

    static final List<String> FIGURES = List.of(
            "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10", "b11", "b12", "b13", "b14", "b15", "b16", "w1",
            "w2", "w3", "w4");

    /** B16 runs for half an hour by default: only when asked for by name. */
    static final List<String> ON_REQUEST = List.of("b16");

    /** The controller's modes, in the order {@code --db-sync both} measures them in odd reps. */
    static final List<String> DB_SYNC_MODES = List.of("normal", "full");

    static final String USAGE = """
            usage: BenchMain [--reps 3] [--duration-s 10] [--warmup-s 3] [--clients 32] [--triggers 5000]
                             [--only b1,...,b16,w1,w2,w3,w4] [--hard-limit-s 120]
                             [--fire-jobs 1000] [--fire-window-s 60] [--many-jobs 100000] [--handler-ops 200]
                             [--workers 200] [--list-jobs 10000] [--list-executions 1000000] [--list-samples 200]
                             [--page-samples 5] [--burst-runs 10000] [--latency-runs 200] [--precision-jobs 1000]
                             [--precision-window-s 20] [--footprint-jobs 10000] [--db-sync normal|full|both]
                             [--scale-jobs 1000000] [--soak-minutes 30] [--soak-rate 500]
                             [--jar controller/target/kronforce-controller.jar] [--out bench/out/<timestamp>]""";

    /** Parses {@code --flag value} pairs; throws {@link IllegalArgumentException} with the usage on a bad one. */
    public static BenchOptions parse(String[] args) {
        Builder b = new Builder();
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("every flag takes a value\n" + USAGE);
        }
        for (int i = 0; i < args.length; i += 2) {
            b.set(args[i], args[i + 1]);
        }
        return b.build();
    }

    /** Whether figure {@code id} (b1..b16, w1..w4) is to be measured. */
    public boolean wants(String id) {
        return only.contains(id);
    }

    /** Whether B4 compares the two synchronous modes rather than running under one. */
    public boolean comparesDbSync() {
        return dbSync.equals("both");
    }

    private static final class Builder {
        int reps = 3;
        int durationS = 10;
        int warmupS = 3;
        int clients = 32;
        int triggers = 5_000;
        int hardLimitS = 120;
        int fireJobs = 1_000;
        int fireWindowS = 60;
        int manyJobs = 100_000;
        int handlerOps = 200;
        int workers = 200;
        int listJobs = 10_000;
        int listExecutions = 1_000_000;
        int listSamples = 200;
        int pageSamples = 5;
        int burstRuns = 10_000;
        int latencyRuns = 200;
        int precisionJobs = 1_000;
        int precisionWindowS = 20;
        int footprintJobs = 10_000;
        String dbSync = "normal";
        int scaleJobs = 1_000_000;
        int soakMinutes = 30;
        int soakRate = 500;
        Set<String> only = defaultFigures();
        Path jar = Path.of("controller/target/kronforce-controller.jar");
        Path out = Path.of("bench/out", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

        void set(String flag, String value) {
            switch (flag) {
                case "--reps" -> reps = atLeast(flag, value, 1);
                case "--duration-s" -> durationS = atLeast(flag, value, 1);
                case "--warmup-s" -> warmupS = atLeast(flag, value, 0);
                case "--clients" -> clients = atLeast(flag, value, 1);
                case "--triggers" -> triggers = atLeast(flag, value, 1);
                case "--hard-limit-s" -> hardLimitS = atLeast(flag, value, 1);
                case "--only" -> only = figures(value);
                case "--fire-jobs" -> fireJobs = atLeast(flag, value, 1);
                case "--fire-window-s" -> fireWindowS = atLeast(flag, value, FireLatenessBench.MIN_WINDOW_S);
                case "--many-jobs" -> manyJobs = atLeast(flag, value, 1);
                case "--handler-ops" -> handlerOps = atLeast(flag, value, 1);
                case "--workers" -> workers = atLeast(flag, value, 1);
                case "--list-jobs" -> listJobs = atLeast(flag, value, 1);
                case "--list-executions" -> listExecutions = atLeast(flag, value, 1);
                case "--list-samples" -> listSamples = atLeast(flag, value, 1);
                case "--page-samples" -> pageSamples = atLeast(flag, value, 1);
                case "--burst-runs" -> burstRuns = atLeast(flag, value, 1);
                case "--latency-runs" -> latencyRuns = atLeast(flag, value, 1);
                case "--precision-jobs" -> precisionJobs = atLeast(flag, value, 1);
                case "--precision-window-s" -> precisionWindowS = atLeast(flag, value, 1);
                case "--footprint-jobs" -> footprintJobs = atLeast(flag, value, 1);
                case "--db-sync" -> dbSync = dbSync(value);
                case "--scale-jobs" -> scaleJobs = atLeast(flag, value, 10);
                case "--soak-minutes" -> soakMinutes = atLeast(flag, value, 1);
                case "--soak-rate" -> soakRate = atLeast(flag, value, 1);
                case "--jar" -> jar = Path.of(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
            }
        }

        BenchOptions build() {
            if (warmupS + durationS > hardLimitS) {
                throw new IllegalArgumentException("--warmup-s + --duration-s exceed --hard-limit-s " + hardLimitS);
            }
            return new BenchOptions(
                    reps,
                    Duration.ofSeconds(durationS),
                    Duration.ofSeconds(warmupS),
                    clients,
                    triggers,
                    Set.copyOf(only),
                    Duration.ofSeconds(hardLimitS),
                    jar,
                    out,
                    fireJobs,
                    Duration.ofSeconds(fireWindowS),
                    manyJobs,
                    handlerOps,
                    workers,
                    listJobs,
                    listExecutions,
                    listSamples,
                    pageSamples,
                    new Workloads(
                            burstRuns, latencyRuns, precisionJobs, Duration.ofSeconds(precisionWindowS), footprintJobs),
                    dbSync,
                    scaleJobs,
                    new Soak(soakMinutes, soakRate));
        }

        private static Set<String> defaultFigures() {
            Set<String> set = new LinkedHashSet<>(FIGURES);
            ON_REQUEST.forEach(set::remove);
            return set;
        }

        private static String dbSync(String value) {
            if (!value.equals("both") && !DB_SYNC_MODES.contains(value)) {
                throw new IllegalArgumentException("--db-sync takes normal, full or both: " + value);
            }
            return value;
        }

        private static Set<String> figures(String value) {
            Set<String> set = new LinkedHashSet<>(List.of(value.toLowerCase().split(",")));
            if (set.isEmpty() || !FIGURES.containsAll(set)) {
                throw new IllegalArgumentException("--only takes a subset of " + FIGURES + ": " + value);
            }
            return set;
        }

        private static int atLeast(String flag, String value, int min) {
            int n = Integer.parseInt(value);
            if (n < min) {
                throw new IllegalArgumentException(flag + " must be at least " + min + ": " + value);
            }
            return n;
        }
    }
}
