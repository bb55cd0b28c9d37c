package io.kronforce.bench.peers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every W3 fire as (job, planned time, actual start), and what they add up to over a window of
 * whole seconds: which expected (job, second) pairs fired, how late, which never did.
 *
 * <p>A fire belongs to the cron second its planned time falls in. db-scheduler plans from the
 * previous completion and keeps the sub-second part, so its planned times leave the grid; they
 * are counted as {@code offGrid} and still measured against the whole second.
 */
final class CronLedger {

    private final long[] jobs;
    private final long[] scheduledMs;
    private final long[] startedUs;
    private final AtomicInteger size = new AtomicInteger();

    CronLedger(int capacity) {
        jobs = new long[capacity];
        scheduledMs = new long[capacity];
        startedUs = new long[capacity];
    }

    /** Thread-safe: each caller gets its own slot; fires beyond the capacity are dropped. */
    void record(int job, long plannedMs, long actualUs) {
        int at = size.getAndIncrement();
        if (at < jobs.length) {
            jobs[at] = job;
            scheduledMs[at] = plannedMs;
            startedUs[at] = actualUs;
        }
    }

    /** What the window [firstSecond, firstSecond + seconds) holds for {@code jobCount} jobs. */
    record Window(long firstSecond, int seconds, int periodSeconds, int jobCount) {

        boolean holds(long second) {
            return second >= firstSecond && second < firstSecond + seconds && second % periodSeconds == 0;
        }

        long expected() {
            long slots = 0;
            for (long s = firstSecond; s < firstSecond + seconds; s++) {
                slots += s % periodSeconds == 0 ? 1 : 0;
            }
            return slots * jobCount;
        }
    }

    /**
     * The counts of one window. {@code skipped} are missed pairs after which the same job fired a
     * later second: the scheduler went past them, not merely behind.
     */
    record Tally(
            long expected,
            long fired,
            long missed,
            long skipped,
            long duplicates,
            long offGrid,
            long early,
            long[] latenessNs,
            long allFires,
            long lastSlotSecond) {}

    /** Reads the fires recorded so far; call once the window and its grace period are over. */
    Tally tally(Window window) {
        int n = Math.min(size.get(), jobs.length);
        Map<Long, Integer> firesPerPair = new HashMap<>();
        Map<Long, Long> lastSecondPerJob = new HashMap<>();
        long[] lateness = new long[n];
        int measured = 0;
        long offGrid = 0;
        long early = 0;
        long lastSlot = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long second = Math.floorDiv(scheduledMs[i], 1000);
            lastSlot = Math.max(lastSlot, second);
            if (!window.holds(second)) {
                continue;
            }
            offGrid += scheduledMs[i] % 1000 != 0 ? 1 : 0;
            long late = (startedUs[i] - second * 1_000_000L) * 1000;
            early += late < 0 ? 1 : 0;
            lateness[measured++] = late;
            firesPerPair.merge(pair(jobs[i], second, window), 1, Integer::sum);
            lastSecondPerJob.merge(jobs[i], second, Math::max);
        }
        long fired = firesPerPair.size();
        long duplicates = measured - fired;
        long skipped = countSkipped(window, firesPerPair, lastSecondPerJob);
        long[] latenessNs = Arrays.copyOf(lateness, measured);
        return new Tally(
                window.expected(),
                fired,
                window.expected() - fired,
                skipped,
                duplicates,
                offGrid,
                early,
                latenessNs,
                n,
                lastSlot);
    }

    private static long countSkipped(Window window, Map<Long, Integer> fires, Map<Long, Long> lastSecondPerJob) {
        long skipped = 0;
        for (var last : lastSecondPerJob.entrySet()) {
            for (long s = window.firstSecond(); s < last.getValue(); s++) {
                if (window.holds(s) && !fires.containsKey(pair(last.getKey(), s, window))) {
                    skipped++;
                }
            }
        }
        return skipped;
    }

    private static long pair(long job, long second, Window window) {
        return job * (window.seconds() + 1L) + (second - window.firstSecond());
    }
}
