package io.kronforce.controller.rules;

import java.time.InstantSource;

/**
 * When a run's output rules must be done: the job's timeout holds through post-processing, so the
 * rules share the run's deadline. Regex matching reads its text through {@link BoundedText}, which
 * looks at this deadline every few thousand characters read, so even a pattern that backtracks
 * for ever ends by the deadline. Immutable and thread-safe.
 */
public final class RuleDeadline {
    private static final RuleDeadline NONE = new RuleDeadline(null, Long.MAX_VALUE);

    private final InstantSource clock;
    private final long atMs;

    private RuleDeadline(InstantSource clock, long atMs) {
        this.clock = clock;
        this.atMs = atMs;
    }

    /** No deadline: the job has no timeout (each match is still bounded by its work budget). */
    public static RuleDeadline none() {
        return NONE;
    }

    /** The rules must be done by {@code atMs} on {@code clock}. */
    public static RuleDeadline at(InstantSource clock, long atMs) {
        return new RuleDeadline(clock, atMs);
    }

    /** Whether the deadline has passed. */
    boolean passed() {
        return clock != null && clock.millis() >= atMs;
    }

    /** Thrown out of the rule engine when the deadline passes; the caller records the run as timed out. */
    public static final class Passed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Passed() {
            super("output rules ran past the run's deadline", null, false, false);
        }
    }
}
