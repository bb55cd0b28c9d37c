package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;
import java.util.List;

/**
 * Filters of the events list; null or empty fields do not filter.
 *
 * @param severities any of these severities
 * @param kind a kind, or a kind prefix ending in {@code .} ({@code job.} for every job event)
 */
public record EventQuery(Long sinceMs, List<String> severities, String jobId, String kind, PageRequest page) {
    public EventQuery {
        severities = severities == null ? List.of() : List.copyOf(severities);
    }
}
