package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upstream Kronforce's controller routes (docs/reference/rest.md, "Upstream's routes") against our
 * route table: every one is served, but those named here with the reason they are not. A route is the
 * method and the path with its parameters unnamed, so {@code /api/jobs/{id}} and {@code /api/jobs/{job_id}}
 * are one route.
 */
class UpstreamRoutesTest {
    /** Upstream's 82 routes as its route table declares them. */
    private static final List<String> UPSTREAM = List.of(
            "GET /",
            "GET /api/health",
            "GET /api/config",
            "GET /metrics",
            "POST /api/webhooks/{token}",
            "GET /api/auth/oidc/config",
            "GET /api/auth/oidc/login",
            "GET /api/auth/oidc/callback",
            "POST /api/auth/logout",
            "GET /api/auth/me",
            "GET /api/jobs",
            "POST /api/jobs",
            "GET /api/jobs/{id}",
            "PUT /api/jobs/{id}",
            "DELETE /api/jobs/{id}",
            "POST /api/jobs/{id}/trigger",
            "GET /api/jobs/{id}/versions",
            "POST /api/jobs/{id}/webhook",
            "DELETE /api/jobs/{id}/webhook",
            "GET /api/jobs/{id}/executions",
            "GET /api/jobs/groups",
            "POST /api/jobs/groups",
            "PUT /api/jobs/bulk-group",
            "PUT /api/jobs/rename-group",
            "GET /api/jobs/pipeline-schedule/{group}",
            "PUT /api/jobs/pipeline-schedule/{group}",
            "DELETE /api/jobs/pipeline-schedule/{group}",
            "GET /api/executions",
            "GET /api/executions/recent-statuses",
            "GET /api/executions/{id}",
            "POST /api/executions/{id}/stream-ticket",
            "GET /api/executions/{id}/stream",
            "POST /api/executions/{id}/cancel",
            "POST /api/executions/{id}/approve",
            "GET /api/events",
            "GET /api/timeline",
            "GET /api/timeline/{job_id}",
            "GET /api/timeline-detail/{bucket}",
            "GET /api/stats/charts",
            "GET /api/agents",
            "GET /api/agents/{id}",
            "DELETE /api/agents/{id}",
            "PUT /api/agents/{id}/task-types",
            "POST /api/agents/register",
            "POST /api/agents/{id}/heartbeat",
            "GET /api/agent-queue/{agent_id}/next",
            "POST /api/callbacks/execution-result",
            "GET /api/agents/{id}/task-types",
            "GET /api/keys",
            "POST /api/keys",
            "DELETE /api/keys/{id}",
            "GET /api/variables",
            "GET /api/variables/{name}",
            "POST /api/variables",
            "PUT /api/variables/{name}",
            "DELETE /api/variables/{name}",
            "GET /api/connections",
            "GET /api/connections/{name}",
            "POST /api/connections",
            "PUT /api/connections/{name}",
            "DELETE /api/connections/{name}",
            "POST /api/connections/{name}/test",
            "GET /api/scripts",
            "GET /api/scripts/{name}",
            "PUT /api/scripts/{name}",
            "DELETE /api/scripts/{name}",
            "GET /api/templates",
            "GET /api/templates/{name}",
            "POST /api/templates",
            "DELETE /api/templates/{name}",
            "GET /api/settings",
            "PUT /api/settings",
            "POST /api/notifications/test",
            "POST /api/admin/vacuum",
            "GET /api/audit-log",
            "GET /api/data/export",
            "POST /api/data/import",
            "DELETE /api/data/delete",
            "POST /api/ai/generate-job",
            "GET /api/ai/models",
            "GET /api/mcp/tools",
            "POST /mcp");

    /** Upstream routes we do not serve, each with its reason (also in docs/reference/rest.md): none now. */
    private static final Map<String, String> NOT_SERVED = Map.of();

    /** Served outside the declared table: the dashboard's page and the scrape endpoint. */
    private static final Set<String> OUTSIDE_THE_TABLE = Set.of("GET /", "GET /metrics");

    @TempDir
    static Path dir;

    static TestController tc;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    @Test
    void upstreamsRouteListHasItsEightyTwoRoutesOnce() {
        assertEquals(82, UPSTREAM.size());
        assertEquals(82, new TreeSet<>(UPSTREAM).size());
        assertTrue(UPSTREAM.containsAll(NOT_SERVED.keySet()));
    }

    @Test
    void everyUpstreamRouteIsServedButTheOnesNamedWithTheirReason() {
        Set<String> ours = tc.routes().stream()
                .map(r -> unnamed(r.method() + " " + r.path()))
                .collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>();
        for (String route : UPSTREAM) {
            if (NOT_SERVED.containsKey(route) || OUTSIDE_THE_TABLE.contains(route)) {
                continue;
            }
            if (!ours.contains(unnamed(route))) {
                missing.add(route);
            }
        }
        assertEquals(Set.of(), missing, "upstream routes missing from the route table");
        for (String route : NOT_SERVED.keySet()) {
            assertTrue(!ours.contains(unnamed(route)), () -> route + " is served now: take it off NOT_SERVED");
        }
    }

    @Test
    void theRoutesOutsideTheTableAnswer() {
        assertEquals(200, tc.send("GET", "/", null, null, null).status());
        assertEquals(200, tc.send("GET", "/metrics", null, null, null).status());
    }

    private static String unnamed(String route) {
        return route.replaceAll("\\{[^}]*}", "{}");
    }
}
