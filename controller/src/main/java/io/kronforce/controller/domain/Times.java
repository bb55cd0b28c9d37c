package io.kronforce.controller.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Wire time: RFC 3339 in UTC with a {@code Z} and milliseconds. Inside: epoch milliseconds. */
public final class Times {
    private Times() {}

    public static String format(long epochMs) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMs).truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }

    public static String formatNullable(Long epochMs) {
        return epochMs == null ? null : format(epochMs);
    }

    /** Parses RFC 3339 with any offset; empty when the text is not a timestamp. */
    public static Optional<Long> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant().toEpochMilli());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
