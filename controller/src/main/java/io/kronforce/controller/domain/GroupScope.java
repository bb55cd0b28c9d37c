package io.kronforce.controller.domain;

import io.kronforce.controller.domain.spec.JobSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The job groups a caller may see and change (docs/SECURITY.md#group-scoping). An empty set is no
 * restriction: the caller sees every group. Names match exactly; a job without a group of its own is in
 * {@link JobSpec#DEFAULT_GROUP}, so a scoped key sees it only when its list names that group.
 *
 * @param groups the groups in scope; empty means every group
 */
public record GroupScope(Set<String> groups) {
    /** No restriction: every group. */
    public static final GroupScope ALL = new GroupScope(Set.of());

    public GroupScope {
        groups = groups == null ? Set.of() : Set.copyOf(groups);
    }

    /**
     * The scope of a key's {@code allowed_groups}: an empty list is every group. Entries are trimmed as job
     * groups are; a blank one names no group and so admits nothing, rather than widening the key to every group.
     */
    public static GroupScope of(List<String> allowedGroups) {
        return new GroupScope(
                allowedGroups.stream().map(g -> g == null ? "" : g.trim()).collect(Collectors.toUnmodifiableSet()));
    }

    public boolean unrestricted() {
        return groups.isEmpty();
    }

    /** Whether a job of {@code group} is in scope (null counts as the default group). */
    public boolean admits(String group) {
        return unrestricted() || groups.contains(group == null ? JobSpec.DEFAULT_GROUP : group);
    }

    /**
     * The 403 of a call that names a group outside the scope (a job's new group, a group to create, rename or
     * schedule): the caller gave the name, so refusing it reveals nothing.
     */
    public static KronforceException outside(String group) {
        return new KronforceException.Forbidden("this API key may not use group '" + group + "'");
    }

    /** Refuses {@code group} (403) unless it is in scope. */
    public void require(String group) {
        if (!admits(group)) {
            throw outside(group);
        }
    }
}
