package io.kronforce.controller.domain;

import io.kronforce.controller.domain.spec.JobSpec;
import java.util.List;
import java.util.Set;

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

    /** The scope of a key's {@code allowed_groups}: blank entries are ignored, none at all is every group. */
    public static GroupScope of(List<String> allowedGroups) {
        return new GroupScope(allowedGroups.stream()
                .filter(g -> g != null && !g.isBlank())
                .map(String::trim)
                .collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    public boolean unrestricted() {
        return groups.isEmpty();
    }

    /** Whether a job of {@code group} is in scope (null counts as the default group). */
    public boolean admits(String group) {
        return unrestricted() || groups.contains(group == null ? JobSpec.DEFAULT_GROUP : group);
    }

    /** The 404 an out-of-scope job answers: the same as a job that does not exist, so its existence stays hidden. */
    public static KronforceException jobNotFound() {
        return new KronforceException.NotFound(ProblemType.JOB_NOT_FOUND, "job not found");
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
