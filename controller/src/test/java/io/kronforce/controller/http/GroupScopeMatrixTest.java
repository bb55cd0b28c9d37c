package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.controller.web.GroupScopedRoutes;
import io.kronforce.controller.web.RouteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route table walked with a key scoped to group {@code teamB} — an admin key, so its role never refuses
 * anything and every refusal seen here is the scope's. For each route that touches job-scoped data, the key
 * aims at {@code teamA}'s job, runs and pipeline: it must neither read them nor change them. Every other route is
 * refused to it (403) unless {@link GroupScopedRoutes} names it as a shared read. The cases come from the table,
 * so a new route is covered without editing here.
 */
class GroupScopeMatrixTest {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private static final String TEAM_A = "teamA";
    private static final String TEAM_B = "teamB";
    /** What only teamA's data contains: its job's name and its run's output. */
    private static final String SECRET_NAME = "alpha-secret-job";

    private static final String MARKER = "teamA-output-marker";

    /**
     * Routes with no scoped caller to check, and why: public routes authenticate no key (health, config,
     * metrics, sign-in and sign-out; a webhook's token is its own credential, bound to one job).
     */
    private static final Set<Access> EXEMPT = Set.of(Access.PUBLIC);

    /** Routes that answer with a stream that does not end by itself: only their status is read. */
    private static final Set<String> ENDLESS_STREAMS = Set.of("GET /api/changes");

    @TempDir
    static Path dir;

    static TestController tc;
    static String scopedAdmin;
    static String teamAJob;
    static String teamARun;
    /** A run of teamA waiting for approval: approving or cancelling it would show in its status. */
    static String teamAWaiting;

    static String teamAGated;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
        scopedAdmin = tc.createKey("team-b-admin", Role.ADMIN, List.of(TEAM_B));
        teamAJob = Api.createJob(tc, Jobs.shell(SECRET_NAME, "echo " + MARKER).group(TEAM_A));
        teamARun = Api.trigger(tc, teamAJob);
        Api.awaitStatus(tc, teamARun, "succeeded", Duration.ofSeconds(20));
        teamAGated = Api.createJob(
                tc,
                Jobs.shell(SECRET_NAME + "-gated", "true").group(TEAM_A).with("approval_required", BooleanNode.TRUE));
        teamAWaiting = Api.trigger(tc, teamAGated);
        assertEquals("pending_approval", run(teamAWaiting).path("status").asText());
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/pipeline-schedule/" + TEAM_A,
                                Role.ADMIN,
                                Map.of("schedule", Map.of("type", "cron", "value", "0 0 3 1 1 *")))
                        .status());
        assertEquals(
                201,
                tc.post(
                                "/api/templates",
                                Role.ADMIN,
                                Map.of(
                                        "name",
                                        "team-a-template",
                                        "snapshot",
                                        Map.of("task", Map.of("type", "shell", "command", "true"), "group", TEAM_A)))
                        .status());
        Api.createJob(tc, Jobs.shell("bravo-job", "true").group(TEAM_B));
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    private static JsonNode run(String id) {
        return tc.read("/api/executions/" + id);
    }

    @TestFactory
    Stream<DynamicTest> aTeamBKeyNeitherReadsNorChangesTeamAThroughAnyRoute() {
        List<DynamicTest> cases = new ArrayList<>();
        for (RouteSpec route : tc.routes()) {
            if (EXEMPT.contains(route.access())) {
                continue;
            }
            cases.add(DynamicTest.dynamicTest(route.method() + " " + route.path(), () -> check(route)));
        }
        // Last, once every route has had its go: nothing of teamA changed.
        cases.add(DynamicTest.dynamicTest("teamA is as it was", GroupScopeMatrixTest::teamAIsUntouched));
        return cases.stream();
    }

    private static void check(RouteSpec route) {
        String key = route.method() + " " + route.path();
        if (key.equals("DELETE /api/jobs/{id}")) {
            // A job of its own, so that a delete the scope failed to stop leaves the other routes their target.
            String doomed = Api.createJob(
                    tc, Jobs.shell(Jobs.uniqueName(SECRET_NAME), "true").group(TEAM_A));
            Api.assertProblem(tc.send("DELETE", "/api/jobs/" + doomed, scopedAdmin, null, null), 404);
            assertEquals(200, tc.get("/api/jobs/" + doomed, Role.ADMIN).status(), "teamA's job was deleted");
            assertEquals(204, tc.delete("/api/jobs/" + doomed, Role.ADMIN).status());
            return;
        }
        TestController.Response r = ENDLESS_STREAMS.contains(key)
                ? tc.open(path(route), scopedAdmin)
                : tc.send(route.method(), path(route), scopedAdmin, TestController.JSON_TYPE, body(route));
        Api.assertNoServerError(r, key);
        var rule = GroupScopedRoutes.rule(route.method(), route.path());
        if (rule.isEmpty()) {
            // Controller-wide: refused to a scoped key whatever its role.
            Api.assertProblem(r, 403);
            return;
        }
        switch (rule.get()) {
            case SHARED_READ, SELF -> assertNotEquals(403, r.status(), () -> key + ": " + r);
            case JOBS -> {
                if (route.path().contains("{id}") || route.path().contains("{job_id}")) {
                    // One of teamA's resources by id: as if it did not exist.
                    Api.assertProblem(r, 404);
                } else if (route.path().contains("{group}")) {
                    Api.assertProblem(r, 403);
                } else {
                    assertFalse(r.body().contains(SECRET_NAME), () -> key + " shows teamA's job: " + r);
                    assertFalse(r.body().contains(MARKER), () -> key + " shows teamA's output: " + r);
                    assertFalse(r.body().contains(teamARun), () -> key + " shows teamA's run: " + r);
                    assertFalse(r.body().contains(teamAWaiting), () -> key + " shows teamA's run: " + r);
                }
            }
        }
    }

    private static void teamAIsUntouched() {
        JsonNode job = tc.read("/api/jobs/" + teamAJob);
        assertEquals(TEAM_A, job.path("group").asText());
        assertEquals(SECRET_NAME, job.path("name").asText());
        assertEquals("scheduled", job.path("status").asText());
        assertEquals(1, tc.read("/api/jobs/" + teamAJob + "/versions").size(), "teamA's job got a new version");
        assertTrue(job.path("webhook_token_prefix").isMissingNode(), job::toString);
        assertEquals(
                1,
                tc.read("/api/jobs/" + teamAJob + "/executions").path("total").asInt(),
                "teamA's job was run");
        assertEquals(
                1,
                tc.read("/api/jobs/" + teamAGated + "/executions").path("total").asInt());
        assertEquals("pending_approval", run(teamAWaiting).path("status").asText());
        assertEquals(2, tc.read("/api/jobs?group=" + TEAM_A).path("total").asInt(), "a job was put in teamA");
        assertFalse(tc.read("/api/jobs/pipeline-schedule/" + TEAM_A).isNull(), "teamA's pipeline was cleared");
        assertTrue(tc.read("/api/jobs/groups").toString().contains(TEAM_A), "teamA was renamed");
    }

    @Test
    void everyRouteTheScopeTableNamesIsDeclared() {
        Set<String> declared =
                tc.routes().stream().map(r -> r.method() + " " + r.path()).collect(Collectors.toSet());
        Set<String> stale = GroupScopedRoutes.named().stream()
                .filter(n -> !declared.contains(n))
                .collect(Collectors.toSet());
        assertEquals(Set.of(), stale, "named in GroupScopedRoutes but not routed");
    }

    @Test
    void theSameScopedKeySeesAndRunsItsOwnGroup() {
        JsonNode jobs = scoped("/api/jobs");
        assertEquals(1, jobs.path("total").asInt(), jobs::toString);
        assertEquals("bravo-job", jobs.path("data").get(0).path("name").asText());
        TestController.Response created = tc.send(
                "POST",
                "/api/jobs",
                scopedAdmin,
                TestController.JSON_TYPE,
                Jobs.shell(Jobs.uniqueName("bravo-new"), "true").group(TEAM_B).json());
        assertEquals(201, created.status(), created::toString);
        String id = created.json().path("id").asText();
        TestController.Response triggered =
                tc.send("POST", "/api/jobs/" + id + "/trigger", scopedAdmin, TestController.JSON_TYPE, Map.of());
        assertEquals(202, triggered.status(), triggered::toString);
        String run = triggered.json().path("execution_id").asText();
        assertEquals(
                200,
                tc.send("GET", "/api/executions/" + run, scopedAdmin, null, null)
                        .status());
        assertEquals(List.of(TEAM_B), toList(scoped("/api/jobs/groups")));
    }

    private static JsonNode scoped(String path) {
        TestController.Response r = tc.send("GET", path, scopedAdmin, null, null);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    private static List<String> toList(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String path(RouteSpec route) {
        Matcher m = PARAM.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String prefix = route.path().substring(0, m.start());
            m.appendReplacement(out, Matcher.quoteReplacement(value(prefix, m.group(1), route)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String prefix, String param, RouteSpec route) {
        if (prefix.startsWith("/api/jobs/") && param.equals("id")) {
            return teamAJob;
        }
        if (prefix.startsWith("/api/executions/") && param.equals("id")) {
            return teamAWaiting;
        }
        return switch (param) {
            case "job_id" -> teamAJob;
            case "group" -> TEAM_A;
            case "version" -> "1";
            case "name" -> prefix.startsWith("/api/templates/") ? "team-a-template" : "anything";
            case "bucket" -> run(teamARun).path("started_at").asText().substring(0, 16); // teamA's minute
            case "id", "token" -> "anything";
            default -> fail("no path fixture for {" + param + "} in " + route);
        };
    }

    /** A body that would reach teamA if the scope let it. */
    private static Object body(RouteSpec route) {
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return null;
        }
        return switch (route.method() + " " + route.path()) {
            case "POST /api/jobs" ->
                Jobs.shell(Jobs.uniqueName("intruder"), "true").group(TEAM_A).json();
            case "PUT /api/jobs/{id}" -> Map.of("description", "touched", "group", TEAM_B);
            case "PUT /api/jobs/bulk-group" -> Map.of("job_ids", List.of(teamAJob), "group", TEAM_B);
            case "PUT /api/jobs/rename-group" -> Map.of("old_name", TEAM_A, "new_name", TEAM_B);
            case "POST /api/jobs/groups" -> Map.of("name", TEAM_A);
            case "PUT /api/jobs/pipeline-schedule/{group}" ->
                Map.of("schedule", Map.of("type", "cron", "value", "0 0 4 1 1 *"));
            case "POST /api/jobs/bulk" -> Map.of("action", "pause", "job_ids", List.of(teamAJob, teamAGated));
            case "POST /api/jobs/bulk/preview" -> Map.of("action", "run", "filter", Map.of());
            case "POST /api/templates/{name}/jobs" -> Map.of("name", Jobs.uniqueName("from-template"));
            default -> Map.of();
        };
    }
}
