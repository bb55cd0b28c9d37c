package io.kronforce.controller.migration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.Times;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reading upstream's column text: its timestamps (two formats) and its JSON columns. */
final class UpstreamValues {
    // SQLite's datetime('now') (upstream's column defaults) and chrono's RFC 3339 without an offset.
    private static final DateTimeFormatter SQLITE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");
    private static final DateTimeFormatter LOCAL_ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private UpstreamValues() {}

    /** Upstream's timestamp text as epoch ms: RFC 3339 with an offset, or SQLite's UTC form. */
    static Optional<Long> time(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String t = text.trim();
        Optional<Long> rfc = Times.parse(t);
        if (rfc.isPresent()) {
            return rfc;
        }
        for (DateTimeFormatter f : new DateTimeFormatter[] {SQLITE, LOCAL_ISO}) {
            try {
                return Optional.of(
                        LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC).toEpochMilli());
            } catch (DateTimeParseException ignored) {
                // try the next form
            }
        }
        return Optional.empty();
    }

    static long time(String text, long fallback) {
        return time(text).orElse(fallback);
    }

    static Long timeOrNull(String text) {
        return time(text).orElse(null);
    }

    /** The JSON a column holds; null for SQL null or blank text. */
    static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JsonMapping.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stored JSON does not parse: " + e.getOriginalMessage());
        }
    }

    /** A JSON column, or null when absent or unreadable: for informational columns not worth refusing a row over. */
    static JsonNode jsonOrNull(String text) {
        try {
            return json(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
