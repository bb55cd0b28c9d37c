package io.kronforce.controller.reactions;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Event;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Whether an event matches an event schedule's value (docs/reference/events.md#event-triggered-jobs). Pure functions,
 * thread-safe.
 */
public final class EventMatch {
    private EventMatch() {}

    /**
     * Kind pattern, then severity, then job name filter.
     *
     * @param eventJobName the name of the event's job, or null; asked only when a filter is set
     */
    public static boolean matches(JsonNode value, Event event, Supplier<String> eventJobName) {
        if (!kindMatches(value.path("kind_pattern").asText(""), event.kind())) {
            return false;
        }
        JsonNode severity = value.get("severity");
        if (severity != null && !severity.isNull() && !severity.asText().equals(event.severity())) {
            return false;
        }
        JsonNode filter = value.get("job_name_filter");
        if (filter == null || filter.isNull() || filter.asText().isEmpty()) {
            return true;
        }
        String needle = filter.asText().toLowerCase(Locale.ROOT);
        return contains(eventJobName.get(), needle) || contains(event.message(), needle);
    }

    /** {@code *} all; {@code prefix.*} kinds starting with {@code prefix.}; {@code foo*} plain prefix; else equal. */
    public static boolean kindMatches(String pattern, String kind) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith("*")) {
            // "prefix.*" keeps its dot in the prefix, so it needs the dot; "foo*" is a plain prefix.
            return kind.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(kind);
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }
}
