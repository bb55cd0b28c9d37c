package io.kronforce.controller.domain.listing;

import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.PageRequest;

/** Filters of the job list; null fields do not filter; {@code scope} keeps the list to the caller's groups. */
public record JobQuery(String status, String search, String group, PageRequest page, GroupScope scope) {
    public JobQuery {
        scope = scope == null ? GroupScope.ALL : scope;
    }

    public JobQuery(String status, String search, String group, PageRequest page) {
        this(status, search, group, page, GroupScope.ALL);
    }

    /** This query, narrowed to {@code within}. */
    public JobQuery within(GroupScope within) {
        return new JobQuery(status, search, group, page, within);
    }
}
