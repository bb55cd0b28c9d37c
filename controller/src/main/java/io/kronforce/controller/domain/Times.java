package io.kronforce.controller.domain;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Wire time: RFC 3339 in UTC with a {@code Z} and milliseconds. Inside: epoch milliseconds. */
public final class Times {
    private Times() {}

    private static final DateTimeFormatter WIRE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    public static String format(long epochMs) {
        return WIRE.format(Instant.ofEpochMilli(epochMs));
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
