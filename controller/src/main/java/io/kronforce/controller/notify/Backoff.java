package io.kronforce.controller.notify;

import java.time.Duration;
import java.util.Optional;

/**
 * When to try a transient failure again: what the peer asked for in {@code Retry-After} when it
 * said, else 15 s doubling per attempt; never sooner than 1 s (a {@code Retry-After: 0} must not
 * spin) nor later than an hour. After {@value #MAX_ATTEMPTS} attempts the row is given up.
 */
final class Backoff {
    static final int MAX_ATTEMPTS = 8;
    static final Duration FIRST = Duration.ofSeconds(15);
    static final Duration FLOOR = Duration.ofSeconds(1);
    static final Duration CEILING = Duration.ofHours(1);

    private Backoff() {}

    /** The wait after failed attempt number {@code attempt} (1-based). */
    static Duration after(int attempt, Optional<Duration> retryAfter) {
        Duration wait = retryAfter.orElseGet(() -> FIRST.multipliedBy(1L << Math.min(attempt - 1, 20)));
        if (wait.compareTo(FLOOR) < 0) {
            return FLOOR;
        }
        return wait.compareTo(CEILING) > 0 ? CEILING : wait;
    }

    static boolean exhausted(int attempts) {
        return attempts >= MAX_ATTEMPTS;
    }
}
