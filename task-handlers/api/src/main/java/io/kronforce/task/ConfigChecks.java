package io.kronforce.task;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** check() rules several task types share. No I/O. */
public final class ConfigChecks {

    private ConfigChecks() {}

    /**
     * The rule for a server address field (a URL, a broker, a connection string): required unless
     * the task names a stored {@code connection} that the controller merges in before the run, and
     * judged only when it holds no {@code {{placeholder}}}, since substitution happens at dispatch.
     *
     * @param parser throws IllegalArgumentException, with a message safe to show, for a bad value
     */
    public static Optional<ConfigViolation> address(
            String pointer, String value, String connection, Consumer<String> parser) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value == null || value.isBlank()) {
            return connection != null && !connection.isBlank()
                    ? Optional.empty()
                    : Optional.of(new ConfigViolation(pointer, field + " or connection is required"));
        }
        if (value.contains("{{")) {
            return Optional.empty();
        }
        try {
            parser.accept(value);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(new ConfigViolation(pointer, e.getMessage()));
        }
    }

    /**
     * What a run does with a task that should not have passed job creation (check() problems), or
     * whose address a named connection should have supplied but did not: it fails without retry
     * and without touching the network. Empty when the run may go ahead.
     */
    public static Optional<TaskOutcome> unrunnable(
            String type, List<ConfigViolation> problems, String addressPointer, String address) {
        if (!problems.isEmpty()) {
            ConfigViolation first = problems.get(0);
            return Optional.of(new TaskOutcome.Failed(
                    null, "invalid " + type + " task: " + first.pointer() + " " + first.message(), false));
        }
        if (address == null || address.isBlank()) {
            return Optional.of(new TaskOutcome.Failed(
                    null,
                    "invalid " + type + " task: " + addressPointer
                            + " is missing (the named connection did not supply it)",
                    false));
        }
        return Optional.empty();
    }
}
