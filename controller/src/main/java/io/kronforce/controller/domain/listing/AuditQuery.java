package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;

/**
 * Filters of the audit log; null fields do not filter. {@code actor} is a substring of the key
 * name; {@code actorSuffix} the end of it (how front doors mark themselves: {@code (via MCP)}).
 */
public record AuditQuery(
        String operation,
        String actor,
        Long sinceMs,
        PageRequest page,
        String resourceType,
        String resourceId,
        String actorSuffix) {
    public AuditQuery(String operation, String actor, Long sinceMs, PageRequest page) {
        this(operation, actor, sinceMs, page, null, null, null);
    }
}
