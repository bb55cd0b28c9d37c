package io.kronforce.controller.store;

import io.kronforce.controller.domain.GroupScope;
import java.util.Collections;
import java.util.List;

/**
 * The SQL condition of a {@link GroupScope}, appended to a list's {@code WHERE}: the one place a listing
 * narrows to the caller's groups, so a list cannot answer rows of a group outside them.
 */
final class ScopeFilter {
    private ScopeFilter() {}

    /** Rows whose {@code groupColumn} (a jobs row's {@code group_name}) is in scope. */
    static void onGroup(StringBuilder where, List<Object> params, GroupScope scope, String groupColumn) {
        if (scope.unrestricted()) {
            return;
        }
        where.append(" AND ")
                .append(groupColumn)
                .append(" IN (")
                .append(marks(scope))
                .append(")");
        params.addAll(scope.groups());
    }

    /** Rows whose {@code jobIdColumn} names a job in scope; a row of no job (null) or of a deleted job is not. */
    static void onJob(StringBuilder where, List<Object> params, GroupScope scope, String jobIdColumn) {
        if (scope.unrestricted()) {
            return;
        }
        where.append(" AND ")
                .append(jobIdColumn)
                .append(" IN (SELECT id FROM jobs WHERE group_name IN (")
                .append(marks(scope))
                .append("))");
        params.addAll(scope.groups());
    }

    private static String marks(GroupScope scope) {
        return String.join(",", Collections.nCopies(scope.groups().size(), "?"));
    }
}
