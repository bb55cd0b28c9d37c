package io.kronforce.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The soak's per-minute table and its verdict: each series flat by {@link Flatness} (20 % growth
 * allowed, each with its own floor) from minute 5 to the end, retention keeping up, and no error.
 * The executions stored are held to a bound rather than judged flat: the retention pass runs at a
 * fixed delay, so where in its sawtooth a minute's sample falls drifts with each pass's duration.
 * Pure: rendering only.
 */
final class SoakReport {

    /** Growth allowed to a flat series. */
    static final double TOLERANCE = 0.20;
    /** The first judged minute: the JIT, the pools and the first retention passes settle before it. */
    static final int SETTLED_MINUTE = 5;

    /** A judged series: its name, unit, floor (see {@link Flatness}) and where it comes from. */
    enum Series {
        RSS("controller RSS", "MiB", 32, m -> m.sample().rssMiB()),
        HEAP("heap after GC", "MiB", 16, m -> m.sample().heapMiB()),
        WAL("WAL file", "MiB", 8, m -> m.sample().walMiB()),
        DB("database file", "MiB", 8, m -> m.sample().dbMiB()),
        P50("trigger→recorded p50", "ms", 5, SoakMinute::p50Ms),
        P99("trigger→recorded p99", "ms", 20, SoakMinute::p99Ms),
        CPU("controller CPU", "% of a core", 10, m -> m.sample().cpuPct());

        final String label;
        final String unit;
        final double floor;
        final ToDoubleFunction<SoakMinute> value;

        Series(String label, String unit, double floor, ToDoubleFunction<SoakMinute> value) {
            this.label = label;
            this.unit = unit;
            this.floor = floor;
            this.value = value;
        }

        List<Double> of(List<SoakMinute> minutes) {
            return minutes.stream().map(m -> value.applyAsDouble(m)).toList();
        }
    }

    /** One series' verdict. */
    record Judged(Series series, Flatness.Verdict verdict) {}

    private SoakReport() {}

    /**
     * The first minute judged: {@link #SETTLED_MINUTE}, or minute 1 when the run is too short to
     * leave two minutes after it (a trial run; its verdict then includes the warm-up).
     */
    static int judgedFrom(int minutes) {
        return minutes >= SETTLED_MINUTE + 2 ? SETTLED_MINUTE : 1;
    }

    /** Every series judged from {@link #judgedFrom} to the last minute; empty when fewer than 2 minutes. */
    static List<Judged> judge(List<SoakMinute> minutes) {
        List<Judged> judged = new ArrayList<>();
        if (minutes.size() < 2) {
            return judged;
        }
        int from = judgedFrom(minutes.size());
        for (Series s : Series.values()) {
            judged.add(new Judged(s, new Flatness(TOLERANCE, s.floor).judge(s.of(minutes), from)));
        }
        return judged;
    }

    /** Whether the soak passes: every series flat, retention keeping up and no error at all. */
    static boolean passes(List<Judged> judged, boolean retentionKeepsUp, long errors) {
        return errors == 0
                && retentionKeepsUp
                && !judged.isEmpty()
                && judged.stream().allMatch(j -> j.verdict().flat());
    }

    /** The most executions stored in a judged minute. */
    static long mostStored(List<SoakMinute> minutes) {
        return minutes.subList(judgedFrom(minutes.size()) - 1, minutes.size()).stream()
                .mapToLong(m -> m.sample().stored())
                .max()
                .orElse(0);
    }

    /** The per-minute table (Markdown). */
    static String table(List<SoakMinute> minutes) {
        StringBuilder md = new StringBuilder(
                "| min | RSS MiB | heap after GC MiB | WAL MiB | db MiB | executions stored | open files | CPU % of a core"
                        + " | p50 ms | p99 ms | recorded | errors | resyncs | load1 |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        minutes.forEach(m -> md.append(row(m)));
        return md.toString();
    }

    /** One minute's row of {@link #table}, with its line end. */
    static String row(SoakMinute m) {
        return String.format(
                Locale.ROOT,
                "| %d | %.0f | %.1f | %.1f | %.1f | %,d | %,d | %.0f | %.1f | %.1f | %,d | %d | %d | %s |%n",
                m.minute(),
                m.sample().rssMiB(),
                m.sample().heapMiB(),
                m.sample().walMiB(),
                m.sample().dbMiB(),
                m.sample().stored(),
                m.sample().openFiles(),
                m.sample().cpuPct(),
                m.p50Ms(),
                m.p99Ms(),
                m.recorded(),
                m.errors(),
                m.resyncs(),
                m.sample().load1());
    }

    /** The verdict lines (Markdown list), with the definition of flat they apply. */
    static String verdict(List<SoakMinute> minutes, List<Judged> judged, long storedBound, long errors) {
        if (judged.isEmpty()) {
            return "No verdict: fewer than 2 minutes sampled.\n";
        }
        int from = judgedFrom(minutes.size());
        StringBuilder md = new StringBuilder(String.format(
                Locale.ROOT,
                "Flat = from minute %d to minute %d, the last value is at most %.0f %% above the first and the"
                        + " least-squares line through those minutes climbs by at most %.0f %% of their mean"
                        + " (percentages taken of at least the series' floor; falling is fine).%n%n",
                from,
                minutes.size(),
                TOLERANCE * 100,
                TOLERANCE * 100));
        for (Judged j : judged) {
            md.append(String.format(
                    Locale.ROOT,
                    "- %s (%s, floor %s): %s%n",
                    j.series().label,
                    j.series().unit,
                    Results.format(j.series().floor, false),
                    j.verdict().describe()));
        }
        long most = mostStored(minutes);
        boolean keepsUp = most <= storedBound;
        md.append(String.format(
                Locale.ROOT,
                "- retention keeps up: %s (most executions stored in a judged minute %,d, bound %,d)%n",
                keepsUp ? "yes" : "NO",
                most,
                storedBound));
        md.append(String.format(Locale.ROOT, "- errors: %d%n", errors));
        md.append(
                passes(judged, keepsUp, errors)
                        ? "\n**Verdict: flat, 0 errors.**\n"
                        : "\n**Verdict: NOT flat or not error-free.**\n");
        return md.toString();
    }
}
