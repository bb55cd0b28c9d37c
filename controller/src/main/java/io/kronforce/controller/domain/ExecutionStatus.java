package io.kronforce.controller.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an execution is in its life. Wire names are upstream's lowercase snake_case. */
public enum ExecutionStatus {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    CANCELLED,
    SKIPPED,
    PENDING_APPROVAL,
    /** Waiting for a free slot under the job's {@code max_concurrent} (policy {@code queue}; beyond upstream). */
    QUEUED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isTerminal() {
        return this == SUCCEEDED || this == FAILED || this == TIMED_OUT || this == CANCELLED || this == SKIPPED;
    }

    /** The label upstream puts in event messages and metrics (Rust Debug / human form). */
    public String debugName() {
        return switch (this) {
            case PENDING -> "Pending";
            case RUNNING -> "Running";
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case TIMED_OUT -> "TimedOut";
            case CANCELLED -> "Cancelled";
            case SKIPPED -> "Skipped";
            case PENDING_APPROVAL -> "PendingApproval";
            case QUEUED -> "Queued";
        };
    }

    public static Optional<ExecutionStatus> parse(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst();
    }
}
