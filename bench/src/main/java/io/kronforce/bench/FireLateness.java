package io.kronforce.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arithmetic of B5 and W3, kept apart from any process so it is unit-tested: given the
 * scheduler-fired executions of every-second cron jobs and the slots that count, how late each
 * started, which (job, second) pairs never got a row, which got only a {@code skipped} one, which
 * never started, and which got more than one row.
 */
final class FireLateness {

    /** One scheduler-fired execution; {@code startedAtMs} null if it never started. */
    record Row(String jobId, long scheduledForMs, Long startedAtMs, String status) {

        /** A run that started: a {@code skipped} row is the misfire policy's record of a slot not run. */
        boolean started() {
            return startedAtMs != null && !SKIPPED.equals(status);
        }
    }

    /**
     * The verdict over the counted slots.
     *
     * @param expected (job, second) pairs in the counted slots
     * @param missed expected pairs without any execution row (B5's figure)
     * @param skipped expected pairs with a {@code skipped} row and no started one
     * @param neverStarted expected pairs without a started execution: no row, a {@code skipped}
     *     row, or a row still pending when the controller stopped (W3's "missed")
     * @param duplicates extra executions beyond the first of a pair (must be 0)
     * @param unstarted executions of counted slots that were still pending when the controller stopped
     * @param latenessMs started_at − scheduled_for of every started execution, ascending
     */
    record Verdict(
            long expected,
            long missed,
            long skipped,
            long neverStarted,
            long duplicates,
            long unstarted,
            long[] latenessMs) {}

    static final String SKIPPED = "skipped";

    private FireLateness() {}

    /**
     * Judges {@code rows} for {@code jobIds} firing every second over the slots
     * {@code [fromMs, toMs)}, both whole seconds; rows outside those slots or jobs are ignored.
     */
    static Verdict judge(Collection<Row> rows, Set<String> jobIds, long fromMs, long toMs) {
        if (fromMs % 1000 != 0 || toMs % 1000 != 0 || toMs <= fromMs) {
            throw new IllegalArgumentException("slots must be whole seconds, from < to: " + fromMs + ", " + toMs);
        }
        Map<String, Integer> perPair = new HashMap<>();
        Set<String> startedPairs = new HashSet<>();
        Set<String> skippedPairs = new HashSet<>();
        LongSamples lateness = new LongSamples();
        long unstarted = 0;
        for (Row row : rows) {
            if (row.scheduledForMs() < fromMs || row.scheduledForMs() >= toMs || !jobIds.contains(row.jobId())) {
                continue;
            }
            String pair = row.jobId() + "@" + row.scheduledForMs();
            perPair.merge(pair, 1, Integer::sum);
            if (row.started()) {
                startedPairs.add(pair);
                lateness.add(row.startedAtMs() - row.scheduledForMs());
            } else if (SKIPPED.equals(row.status())) {
                skippedPairs.add(pair);
            } else {
                unstarted++;
            }
        }
        skippedPairs.removeAll(startedPairs);
        long expected = (long) jobIds.size() * ((toMs - fromMs) / 1000);
        long duplicates =
                perPair.values().stream().mapToLong(count -> count - 1).sum();
        long[] sorted = LongSamples.sortedUnion(List.of(lateness));
        return new Verdict(
                expected,
                expected - perPair.size(),
                skippedPairs.size(),
                expected - startedPairs.size(),
                duplicates,
                unstarted,
                sorted);
    }

    /** A one-line summary for raw.txt. */
    static String describe(Verdict v) {
        long[] l = v.latenessMs();
        String lateness = l.length == 0
                ? "none started"
                : "p50=" + Stats.percentile(l, 50) + " p99=" + Stats.percentile(l, 99) + " max=" + l[l.length - 1]
                        + " min=" + l[0];
        return "expected=" + v.expected() + " missed=" + v.missed() + " skipped=" + v.skipped() + " neverStarted="
                + v.neverStarted() + " duplicates=" + v.duplicates() + " unstarted=" + v.unstarted() + " started="
                + l.length + " lateness(ms) " + lateness;
    }
}
