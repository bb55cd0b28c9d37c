package io.kronforce.controller.reactions;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.spec.Schedule;
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
    public static boolean matches(Schedule.Event schedule, Event event, Supplier<String> eventJobName) {
        if (!kindMatches(schedule.kindPattern(), event.kind())) {
            return false;
        }
        if (schedule.severity() != null && !schedule.severity().equals(event.severity())) {
            return false;
        }
        String filter = schedule.jobNameFilter();
        if (filter == null || filter.isEmpty()) {
            return true;
        }
        String needle = filter.toLowerCase(Locale.ROOT);
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
