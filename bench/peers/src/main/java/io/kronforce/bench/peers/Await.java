package io.kronforce.bench.peers;

import java.util.concurrent.locks.LockSupport;

/** Polls a clock-valued condition until it answers or a deadline passes. */
final class Await {

    /** A probe that answers a {@code System.nanoTime()} instant, or 0 for "not yet". */
    @FunctionalInterface
    interface Instant {
        long nanosOrZero() throws Exception;
    }

    private Await() {}

    /** The probe's first non-zero answer, or 0 if the deadline ({@code System.nanoTime()}) passed. */
    static long until(Instant probe, long deadlineNs, long pauseNs) throws Exception {
        while (true) {
            long at = probe.nanosOrZero();
            if (at != 0 || System.nanoTime() > deadlineNs) {
                return at;
            }
            LockSupport.parkNanos(pauseNs);
        }
    }
}
