package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.PageRequest;

/**
 * Filters of the execution list; null fields do not filter. {@code sinceMs} is upstream's (started
 * at or after); {@code fromMs}/{@code toMs} bound when the run was created, the list's own order,
 * so any range is read from an index in order (a wide {@code since} range is not). {@code scope}
 * keeps the list to runs of the caller's groups' jobs.
 */
public record ExecutionQuery(
        String status,
        String search,
        Long sinceMs,
        String group,
        PageRequest page,
        Long fromMs,
        Long toMs,
        GroupScope scope) {
    public ExecutionQuery {
        scope = scope == null ? GroupScope.ALL : scope;
    }

    public ExecutionQuery(
            String status, String search, Long sinceMs, String group, PageRequest page, Long fromMs, Long toMs) {
        this(status, search, sinceMs, group, page, fromMs, toMs, GroupScope.ALL);
    }

    public ExecutionQuery(String status, String search, Long sinceMs, String group, PageRequest page) {
        this(status, search, sinceMs, group, page, null, null);
    }

    /** This query, narrowed to {@code within}. */
    public ExecutionQuery within(GroupScope within) {
        return new ExecutionQuery(status, search, sinceMs, group, page, fromMs, toMs, within);
    }
}
