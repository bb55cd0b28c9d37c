package io.kronforce.controller.domain;

import java.util.Locale;
import java.util.Optional;

/** Whether a job's schedule is live. Manual triggers ignore it, as upstream. */
public enum JobStatus {
    SCHEDULED,
    PAUSED,
    UNSCHEDULED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire value, accepting upstream's legacy spellings. */
    public static Optional<JobStatus> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text) {
            case "scheduled", "enabled", "active" -> Optional.of(SCHEDULED);
            case "paused", "disabled" -> Optional.of(PAUSED);
            case "unscheduled", "completed" -> Optional.of(UNSCHEDULED);
            default -> Optional.empty();
        };
    }
}
