package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.PageRequest;
import java.util.List;

/**
 * Filters of the events list; null or empty fields do not filter.
 *
 * @param severities any of these severities
 * @param kind a kind, or a kind prefix ending in {@code .} ({@code job.} for every job event)
 * @param scope a scoped caller sees only events of jobs in its groups
 */
public record EventQuery(
        Long sinceMs, List<String> severities, String jobId, String kind, PageRequest page, GroupScope scope) {
    public EventQuery {
        severities = severities == null ? List.of() : List.copyOf(severities);
        scope = scope == null ? GroupScope.ALL : scope;
    }

    public EventQuery(Long sinceMs, List<String> severities, String jobId, String kind, PageRequest page) {
        this(sinceMs, severities, jobId, kind, page, GroupScope.ALL);
    }

    /** This query, narrowed to {@code within}. */
    public EventQuery within(GroupScope within) {
        return new EventQuery(sinceMs, severities, jobId, kind, page, within);
    }
}
