package io.kronforce.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * B5's arithmetic, kept apart from any process so it is unit-tested: given the scheduler-fired
 * executions of every-second cron jobs and the slots that count, how late each started, which
 * (job, second) pairs never started, and which got more than one row.
 */
final class FireLateness {

    /** The status the scheduler gives a slot it dropped (misfire policy, gate): a row, but no run. */
    static final String SKIPPED = "skipped";

    /**
     * One scheduler-fired execution.
     *
     * @param status the stored status, e.g. {@code succeeded} or {@code skipped}
     * @param startedAtMs null if it never started
     */
    record Row(String jobId, long scheduledForMs, String status, Long startedAtMs) {

        /** Whether the slot ran: a start time, and not a dropped slot (whatever its columns hold). */
        boolean started() {
            return startedAtMs != null && !SKIPPED.equals(status);
        }
    }

    /**
     * The verdict over the counted slots. Every expected pair that did not start is missed, for
     * one of three reasons: {@code withoutRow + skipped + unstarted == missed}.
     *
     * @param expected (job, second) pairs in the counted slots
     * @param missed expected pairs without a started execution
     * @param withoutRow missed pairs without any execution
     * @param skipped missed pairs the scheduler recorded as {@code skipped}
     * @param unstarted missed pairs whose execution was still waiting (pending, queued) when the controller stopped
     * @param duplicates extra executions beyond the first of a pair (must be 0)
     * @param latenessMs started_at − scheduled_for of every started execution, ascending
     */
    record Verdict(
            long expected,
            long missed,
            long withoutRow,
            long skipped,
            long unstarted,
            long duplicates,
            long[] latenessMs) {}

    /** What the rows of one (job, second) pair say. */
    private static final class Pair {
        int rows;
        boolean started;
        boolean skipped;
    }

    private FireLateness() {}

    /**
     * Judges {@code rows} for {@code jobIds} firing every second over the slots
     * {@code [fromMs, toMs)}, both whole seconds; rows outside those slots or jobs are ignored.
     */
    static Verdict judge(Collection<Row> rows, Set<String> jobIds, long fromMs, long toMs) {
        if (fromMs % 1000 != 0 || toMs % 1000 != 0 || toMs <= fromMs) {
            throw new IllegalArgumentException("slots must be whole seconds, from < to: " + fromMs + ", " + toMs);
        }
        Map<String, Pair> pairs = new HashMap<>();
        LongSamples lateness = new LongSamples();
        for (Row row : rows) {
            if (row.scheduledForMs() < fromMs || row.scheduledForMs() >= toMs || !jobIds.contains(row.jobId())) {
                continue;
            }
            Pair pair = pairs.computeIfAbsent(row.jobId() + "@" + row.scheduledForMs(), k -> new Pair());
            pair.rows++;
            pair.skipped |= SKIPPED.equals(row.status());
            if (row.started()) {
                pair.started = true;
                lateness.add(row.startedAtMs() - row.scheduledForMs());
            }
        }
        long expected = (long) jobIds.size() * ((toMs - fromMs) / 1000);
        long started = pairs.values().stream().filter(p -> p.started).count();
        long skipped =
                pairs.values().stream().filter(p -> !p.started && p.skipped).count();
        long unstarted =
                pairs.values().stream().filter(p -> !p.started && !p.skipped).count();
        long duplicates = pairs.values().stream().mapToLong(p -> p.rows - 1).sum();
        long[] sorted = LongSamples.sortedUnion(List.of(lateness));
        return new Verdict(
                expected, expected - started, expected - pairs.size(), skipped, unstarted, duplicates, sorted);
    }

    /** A one-line summary for raw.txt. */
    static String describe(Verdict v) {
        long[] l = v.latenessMs();
        String lateness = l.length == 0
                ? "none started"
                : "p50=" + Stats.percentile(l, 50) + " p99=" + Stats.percentile(l, 99) + " max=" + l[l.length - 1]
                        + " min=" + l[0];
        return "expected=" + v.expected() + " missed=" + v.missed() + " (withoutRow=" + v.withoutRow() + " skipped="
                + v.skipped() + " unstarted=" + v.unstarted() + ") duplicates=" + v.duplicates() + " started="
                + l.length + " lateness(ms) " + lateness;
    }
}
