package io.kronforce.task;

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
    public static Optional<ConfigViolation> address(String pointer, String value, String connection,
                                                    Consumer<String> parser) {
        String field = pointer.substring(pointer.lastIndexOf('/') + 1);
        if (value == null || value.isBlank()) {
            return connection != null && !connection.isBlank() ? Optional.empty()
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
}
