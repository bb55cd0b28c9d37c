package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.PageRequest;

/** Filters of the job list; null fields do not filter. */
public record JobQuery(String status, String search, String group, PageRequest page) {}
