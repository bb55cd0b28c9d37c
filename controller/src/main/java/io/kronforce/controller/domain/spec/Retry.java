package io.kronforce.controller.domain.spec;

/**
 * How a failed run is retried: at most {@code max} more attempts, the n-th after
 * {@code delaySecs * backoff^(n-1)} seconds.
 */
public record Retry(int max, int delaySecs, double backoff) {

    public static final Retry NONE = new Retry(0, 0, 1.0);
}
