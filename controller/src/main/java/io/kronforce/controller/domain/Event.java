package io.kronforce.controller.domain;

/** Something that happened, for people (the events feed) and for event-triggered jobs. */
public record Event(
        String id,
        String kind,
        String severity,
        String message,
        String jobId,
        String agentId,
        String apiKeyId,
        String apiKeyName,
        String executionId,
        String details,
        long timestampMs) {

    /** The {@code details} of an {@code execution.completed} whose run an output assertion failed. */
    public static final String ASSERTION_FAILED = "assertion_failed";

    /** Whether this event is of {@code kind}. */
    public boolean is(EventKind kind) {
        return kind.wire().equals(this.kind);
    }
}
