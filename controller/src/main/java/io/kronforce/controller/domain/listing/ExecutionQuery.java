package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;

/**
 * Filters of the execution list; null fields do not filter. {@code sinceMs} is upstream's (started
 * at or after); {@code fromMs}/{@code toMs} bound when the run was created, the list's own order,
 * so any range is read from an index in order (a wide {@code since} range is not).
 */
public record ExecutionQuery(
        String status, String search, Long sinceMs, String group, PageRequest page, Long fromMs, Long toMs) {
    public ExecutionQuery(String status, String search, Long sinceMs, String group, PageRequest page) {
        this(status, search, sinceMs, group, page, null, null);
    }
}
