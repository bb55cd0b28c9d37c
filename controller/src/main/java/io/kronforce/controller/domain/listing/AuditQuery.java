package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;

/** Filters of the audit log; null fields do not filter. {@code actor} is a substring of the key name. */
public record AuditQuery(String operation, String actor, Long sinceMs, PageRequest page) {}
