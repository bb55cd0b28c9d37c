package io.kronforce.controller.domain.listing;

/** One row of the audit log. */
public record AuditEntry(
        String id,
        long timestampMs,
        String actorKeyId,
        String actorKeyName,
        String operation,
        String resourceType,
        String resourceId,
        String details) {}
