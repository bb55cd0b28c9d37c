package io.kronforce.bench;

import java.time.Duration;

/**
 * An open-loop schedule: send {@code i} is due at {@code start + i / perSecond}, whatever became of
 * the sends before it. A controller that falls behind therefore shows up as latency measured from
 * the due time, never as a lower rate (a closed loop would wait for answers and quietly send less).
 * Exact in integer nanoseconds, so a rate that does not divide a second does not drift.
 *
 * @param startNanos {@link System#nanoTime()} at which send 0 is due
 * @param perSecond sends per second, at least 1
 */
record Pacer(long startNanos, int perSecond) {

    private static final long SECOND = 1_000_000_000L;

    Pacer {
        if (perSecond < 1) {
            throw new IllegalArgumentException("rate must be at least 1/s: " + perSecond);
        }
    }

    /** When send {@code i} (from 0) is due. */
    long dueNanos(long i) {
        return startNanos + Math.multiplyExact(i, SECOND) / perSecond;
    }

    /** How many sends fall due within {@code window} from the start (those with a due time before its end). */
    long sendsWithin(Duration window) {
        long nanos = window.toNanos();
        return (Math.multiplyExact(nanos, (long) perSecond) + SECOND - 1) / SECOND;
    }

    /** The whole minute since the start (0 for the first) that {@code nanos} lies in; negative before the start. */
    int minuteOf(long nanos) {
        return (int) Math.floorDiv(nanos - startNanos, 60 * SECOND);
    }
}
