package io.kronforce.task;

import java.util.Map;

/** How a run ended, when it ended by itself (timeouts and cancellation are the host's call). */
public sealed interface TaskOutcome {

    /** The exit code upstream reports: process status, HTTP status, or empty when there is none. */
    Integer exitCode();

    /**
     * The task did what it was asked.
     *
     * @param outputs named values the task produced, for later output rules
     */
    record Succeeded(Integer exitCode, Map<String, String> outputs) implements TaskOutcome {
        public Succeeded {
            outputs = Map.copyOf(outputs);
        }

        public static Succeeded withExitCode(Integer exitCode) {
            return new Succeeded(exitCode, Map.of());
        }
    }

    /**
     * The task ran and did not succeed.
     *
     * @param reason appended to stderr when non-empty, e.g. {@code expected status 200, got 503}
     * @param retryable whether running it again may help
     */
    record Failed(Integer exitCode, String reason, boolean retryable) implements TaskOutcome {}
}
