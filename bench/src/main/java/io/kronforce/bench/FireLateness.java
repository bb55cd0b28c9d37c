package io.kronforce.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * B5's arithmetic, kept apart from any process so it is unit-tested: given the scheduler-fired
 * executions of every-second cron jobs and the slots that count, how late each started, which
 * (job, second) pairs never got a row, and which got more than one.
 */
final class FireLateness {

    /** One scheduler-fired execution; {@code startedAtMs} null if it never started. */
    record Row(String jobId, long scheduledForMs, Long startedAtMs) {}

    /**
     * The verdict over the counted slots.
     *
     * @param expected (job, second) pairs in the counted slots
     * @param missed expected pairs without any execution
     * @param duplicates extra executions beyond the first of a pair (must be 0)
     * @param unstarted executions of counted slots that were still pending when the controller stopped
     * @param latenessMs started_at − scheduled_for of every started execution, ascending
     */
    record Verdict(long expected, long missed, long duplicates, long unstarted, long[] latenessMs) {}

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
        LongSamples lateness = new LongSamples();
        long unstarted = 0;
        for (Row row : rows) {
            if (row.scheduledForMs() < fromMs || row.scheduledForMs() >= toMs || !jobIds.contains(row.jobId())) {
                continue;
            }
            perPair.merge(row.jobId() + "@" + row.scheduledForMs(), 1, Integer::sum);
            if (row.startedAtMs() == null) {
                unstarted++;
            } else {
                lateness.add(row.startedAtMs() - row.scheduledForMs());
            }
        }
        long expected = (long) jobIds.size() * ((toMs - fromMs) / 1000);
        long duplicates =
                perPair.values().stream().mapToLong(count -> count - 1).sum();
        long[] sorted = LongSamples.sortedUnion(List.of(lateness));
        return new Verdict(expected, expected - perPair.size(), duplicates, unstarted, sorted);
    }

    /** A one-line summary for raw.txt. */
    static String describe(Verdict v) {
        long[] l = v.latenessMs();
        String lateness = l.length == 0
                ? "none started"
                : "p50=" + Stats.percentile(l, 50) + " p99=" + Stats.percentile(l, 99) + " max=" + l[l.length - 1]
                        + " min=" + l[0];
        return "expected=" + v.expected() + " missed=" + v.missed() + " duplicates=" + v.duplicates() + " unstarted="
                + v.unstarted() + " started=" + l.length + " lateness(ms) " + lateness;
    }
}
