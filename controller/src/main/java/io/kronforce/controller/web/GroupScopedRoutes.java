package io.kronforce.controller.web;

import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a key scoped to some job groups may call (docs/SECURITY.md#group-scoping). Fail-closed: a route that is
 * not named here is refused to a scoped key with 403, so a new route is controller-wide until someone decides
 * otherwise. The narrowing itself is not done here but in the use cases the {@link Rule#JOBS} routes call.
 */
public final class GroupScopedRoutes {
    /** Why a scoped key may call a route. */
    public enum Rule {
        /** Jobs and what hangs off them: the use case narrows to the caller's groups (404 outside them). */
        JOBS,
        /** A resource every group shares (jobs name it): read only, since a change would reach other groups. */
        SHARED_READ,
        /** About the caller itself. */
        SELF
    }

    private static final Map<String, Rule> RULES = new HashMap<>();

    static {
        jobs("GET /api/jobs", "POST /api/jobs", "GET /api/jobs/{id}", "PUT /api/jobs/{id}", "DELETE /api/jobs/{id}");
        jobs(
                "POST /api/jobs/{id}/trigger",
                "GET /api/jobs/{id}/versions",
                "GET /api/jobs/{id}/executions",
                "GET /api/jobs/{id}/upcoming",
                "POST /api/jobs/{id}/webhook",
                "DELETE /api/jobs/{id}/webhook",
                "GET /api/jobs/{id}/why",
                "GET /api/jobs/{id}/versions/{version}",
                "GET /api/jobs/{id}/versions/{version}/diff",
                "POST /api/jobs/{id}/versions/{version}/restore");
        jobs(
                "GET /api/jobs/groups",
                "POST /api/jobs/groups",
                "PUT /api/jobs/bulk-group",
                "PUT /api/jobs/rename-group",
                "GET /api/jobs/pipeline-schedule/{group}",
                "PUT /api/jobs/pipeline-schedule/{group}",
                "DELETE /api/jobs/pipeline-schedule/{group}",
                "POST /api/jobs/bulk",
                "POST /api/jobs/bulk/preview",
                "POST /api/templates/{name}/jobs");
        jobs(
                "GET /api/executions",
                "GET /api/executions/{id}",
                "POST /api/executions/{id}/cancel",
                "POST /api/executions/{id}/approve",
                "POST /api/executions/{id}/stream-ticket",
                "GET /api/executions/{id}/stream",
                "GET /api/executions/recent-statuses",
                "GET /api/events",
                "GET /api/changes",
                "GET /api/timeline/{job_id}",
                "GET /api/timeline",
                "GET /api/timeline-detail/{bucket}",
                "GET /api/stats/charts");
        jobs("POST /mcp", "GET /mcp", "DELETE /mcp");
        for (String read : new String[] {
            "/api/variables",
            "/api/connections",
            "/api/connections/{name}",
            "/api/scripts",
            "/api/scripts/{name}",
            "/api/templates",
            "/api/templates/{name}",
            "/api/agents",
            "/api/agents/{id}"
        }) {
            RULES.put("GET " + read, Rule.SHARED_READ);
        }
        RULES.put("GET /api/auth/me", Rule.SELF);
    }

    private GroupScopedRoutes() {}

    private static void jobs(String... routes) {
        for (String r : routes) {
            RULES.put(r, Rule.JOBS);
        }
    }

    /** Why a scoped key may call the route, or empty: it may not. */
    public static Optional<Rule> rule(String method, String path) {
        return Optional.ofNullable(RULES.get(method + " " + path));
    }

    /** Every route named here, as {@code "METHOD path"}. */
    public static java.util.Set<String> named() {
        return java.util.Set.copyOf(RULES.keySet());
    }

    /**
     * Refuses a scoped caller a route this table does not name. Public routes have no caller, and an agent key's
     * protocol knows no groups, so neither is refused here.
     */
    static void check(Principal caller, String method, String path, Access access) {
        if (access == Access.PUBLIC
                || caller.role() == Role.AGENT
                || caller.scope().unrestricted()
                || rule(method, path).isPresent()) {
            return;
        }
        throw new KronforceException.Forbidden("this API key is limited to job groups "
                + caller.scope().groups() + "; " + method + " " + path + " is not limited to groups");
    }
}
