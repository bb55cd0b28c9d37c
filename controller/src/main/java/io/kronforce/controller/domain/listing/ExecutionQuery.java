package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;

/** Filters of the execution list; null fields do not filter. */
public record ExecutionQuery(String status, String search, Long sinceMs, String group, PageRequest page) {}
