package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.controller.web.RouteSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Walks every route of the declared route table with every kind of caller. The cases come from the
 * table itself, so a new route is covered (or fails for want of a path fixture) without editing here.
 */
class RoleMatrixTest {
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    /** Callers in an order where the ones that must be refused go first. */
    private static final String AGENT_KEY_ONLY = "POST /api/agents/register";

    private static final List<Role> CALLERS = List.of(Role.AGENT, Role.VIEWER, Role.OPERATOR, Role.ADMIN);

    @TempDir
    static Path dir;

    static TestController tc;
    static String jobId;
    static String executionId;
    /** A token of another job's webhook, so the matrix's own webhook calls (which replace jobId's) leave it valid. */
    static String webhookToken;

    static final String VARIABLE = "MATRIX_VAR";
    /** A pull agent, so queue polls answer at once (wait defaults to 0) and nothing is pushed anywhere. */
    static String agentId;

    static final String CONNECTION = "matrix-conn";
    static final String SCRIPT = "matrix-script";

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
        jobId = Api.createJob(tc, Jobs.shell("matrix-job", "echo hi"));
        executionId = Api.trigger(tc, jobId);
        Api.awaitTerminal(tc, executionId, Duration.ofSeconds(10));
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", VARIABLE, "value", "v"))
                        .status());
        String hooked = Api.createJob(tc, Jobs.shell("matrix-webhook-job", "true"));
        webhookToken = tc.post("/api/jobs/" + hooked + "/webhook", Role.OPERATOR, null)
                .json()
                .path("token")
                .asText();
        assertEquals(
                201,
                tc.post("/api/connections", Role.OPERATOR, connection(CONNECTION))
                        .status());
        agentId = registerAgent("matrix-agent");
        assertEquals(
                200,
                tc.put("/api/scripts/" + SCRIPT, Role.OPERATOR, Map.of("code", "print(1)"))
                        .status());
    }

    private static String freshScript() {
        String name = Jobs.uniqueName("doomed-script");
        assertEquals(
                200,
                tc.put("/api/scripts/" + name, Role.OPERATOR, Map.of("code", "print(1)"))
                        .status());
        return name;
    }

    private static Map<String, Object> connection(String name) {
        return Map.of("name", name, "conn_type", "redis", "config", Map.of("url", "redis://127.0.0.1:1"));
    }

    private static String freshConnection() {
        String name = Jobs.uniqueName("doomed-conn");
        assertEquals(
                201,
                tc.post("/api/connections", Role.OPERATOR, connection(name)).status());
        return name;
    }

    private static String registerAgent(String name) {
        TestController.Response r = tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of(
                        "name",
                        name,
                        "tags",
                        List.of(),
                        "hostname",
                        "h",
                        "address",
                        "0.0.0.0",
                        "port",
                        0,
                        "agent_type",
                        "custom"));
        assertEquals(200, r.status(), r::toString);
        return r.json().path("agent_id").asText();
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    @Test
    void routeTableIsNotEmptyAndEveryDeclaredRouteIsServed() {
        assertFalse(tc.routes().isEmpty(), "route table is empty");
        for (var route : tc.routes()) {
            TestController.Response r = ENDLESS_STREAMS.contains(route.method() + " " + route.path())
                    ? tc.open(path(route, Role.ADMIN), null)
                    : tc.send(route.method(), path(route, Role.ADMIN), null, null, null);
            boolean unrouted = r.status() == 404 && r.body().contains("/problems/not-found\"");
            assertFalse(unrouted, () -> route + " is declared but not served: " + r);
        }
    }

    @Test
    void everyRouteHasADistinctMethodAndPath() {
        Set<String> seen = new HashSet<>();
        tc.routes().forEach(r -> assertTrue(seen.add(r.method() + " " + r.path()), () -> "declared twice: " + r));
    }

    @TestFactory
    Stream<DynamicContainer> everyRouteAnswersEachRoleAsItsAccessSays() {
        return tc.routes().stream().map(route -> {
            List<DynamicTest> cases = new ArrayList<>();
            cases.add(DynamicTest.dynamicTest("no credential", () -> noCredential(route)));
            CALLERS.forEach(role -> cases.add(DynamicTest.dynamicTest(role.wire(), () -> withRole(route, role))));
            return DynamicContainer.dynamicContainer(
                    route.method() + " " + route.path() + " [" + route.access() + "]", cases);
        });
    }

    @Test
    void theMcpEndpointIsDeclaredForEveryUserRoleAndNotForAgentKeys() {
        for (String method : List.of("POST", "GET", "DELETE")) {
            assertTrue(tc.routes().contains(new RouteSpec(method, "/mcp", Access.READ)), () -> method + " /mcp");
        }
    }

    @Test
    void undeclaredPathsAnswer404ProblemJson() {
        assertProblem(tc.get("/api/no-such-route", Role.ADMIN), 404);
    }

    @Test
    void anUnknownKeyIs401AndARevokedKeyIs401() {
        assertProblem(tc.send("GET", "/api/jobs", "kf_not-a-real-key", null, null), 401);
        String raw = tc.createKey("short-lived", Role.OPERATOR);
        assertEquals(200, tc.send("GET", "/api/jobs", raw, null, null).status());
        String id = tc.read("/api/keys").findParents("name").stream()
                .filter(k -> k.path("name").asText().equals("short-lived"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asText();
        assertEquals(204, tc.delete("/api/keys/" + id, Role.ADMIN).status());
        assertProblem(tc.send("GET", "/api/jobs", raw, null, null), 401);
    }

    /** Public routes that answer {@code 400 sso-not-configured} while single sign-on is not configured (as here). */
    private static final Set<String> SSO_ONLY = Set.of("GET /api/auth/oidc/login", "GET /api/auth/oidc/callback");

    /** Routes that answer with a stream that does not end by itself: only their status is read. */
    private static final Set<String> ENDLESS_STREAMS = Set.of("GET /api/changes");

    private static TestController.Response call(RouteSpec route, Role role) {
        String key = role == null ? null : tc.key(role);
        if (ENDLESS_STREAMS.contains(route.method() + " " + route.path())) {
            return tc.open(path(route, role), key);
        }
        return tc.send(route.method(), path(route, role), key, TestController.JSON_TYPE, body(route));
    }

    private static void noCredential(RouteSpec route) {
        TestController.Response r = call(route, null);
        Api.assertNoServerError(r, route.toString());
        if (SSO_ONLY.contains(route.method() + " " + route.path())) {
            assertProblem(r, 400); // this controller has no single sign-on configured
            assertTrue(r.body().contains("sso-not-configured"), r::toString);
        } else if (route.access() == Access.PUBLIC) {
            assertTrue(r.status() < 400, () -> "public " + route + " without credential: " + r);
        } else {
            assertProblem(r, 401);
        }
    }

    private static void withRole(RouteSpec route, Role role) {
        TestController.Response r = call(route, role);
        Api.assertNoServerError(r, route + " as " + role);
        if (AGENT_KEY_ONLY.equals(route.method() + " " + route.path()) && role != Role.AGENT) {
            // The registering key is the Bearer of every push to the agent: no other role's key travels there.
            assertProblem(r, 403);
        } else if (route.access().allows(role)) {
            assertNotEquals(401, r.status(), () -> route + " as " + role + ": " + r);
            assertNotEquals(403, r.status(), () -> route + " as " + role + ": " + r);
        } else {
            assertProblem(r, 403);
        }
        if (role == Role.AGENT && route.access() != Access.PUBLIC && route.access() != Access.AGENT) {
            assertEquals(403, r.status(), () -> "agent key on user route " + route + ": " + r);
        }
    }

    /** The path with parameters replaced by real objects; deletes get a fresh object each time. */
    private static String path(RouteSpec route, Role role) {
        boolean fresh = route.method().equals("DELETE")
                && role != null
                && route.access().allows(role);
        Matcher m = PARAM.matcher(route.path());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String prefix = route.path().substring(0, m.start());
            m.appendReplacement(out, Matcher.quoteReplacement(value(prefix, m.group(1), fresh, route)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String prefix, String param, boolean fresh, RouteSpec route) {
        return switch (prefix + "{" + param + "}") {
            case "/api/jobs/{id}" -> fresh ? Api.createJob(tc, Jobs.shell(Jobs.uniqueName("doomed"), "true")) : jobId;
            case "/api/executions/{id}" -> executionId;
            case "/api/variables/{name}" -> fresh ? freshVariable() : VARIABLE;
            case "/api/keys/{id}" ->
                fresh ? freshKeyId() : java.util.UUID.randomUUID().toString();
            case "/api/webhooks/{token}" -> webhookToken;
            case "/api/jobs/pipeline-schedule/{group}" -> "matrix-group";
            case "/api/agents/{id}" -> fresh ? registerAgent(Jobs.uniqueName("doomed-agent")) : agentId;
            case "/api/agent-queue/{id}" -> agentId;
            case "/api/connections/{name}" -> fresh ? freshConnection() : CONNECTION;
            case "/api/scripts/{name}" -> fresh ? freshScript() : SCRIPT;
            case "/api/timeline/{job_id}" -> jobId;
            case "/api/timeline-detail/{bucket}" -> "2026-01-01T00:00";
            case "/api/templates/{name}" -> fresh ? freshTemplate() : "Shell%20Cron%20Task";
            case "/api/jobs/{id}/versions/{version}" -> "1";
            default -> fail("no path fixture for {" + param + "} in " + route + ": add one to RoleMatrixTest.value");
        };
    }

    private static Map<String, Object> template(String name) {
        return Map.of("name", name, "snapshot", Map.of("task", Map.of("type", "shell", "command", "true")));
    }

    private static String freshTemplate() {
        String name = Jobs.uniqueName("doomed-template");
        assertEquals(
                201, tc.post("/api/templates", Role.OPERATOR, template(name)).status());
        return name;
    }

    private static String freshVariable() {
        String name = Jobs.uniqueName("DOOMED").replace('-', '_');
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", name, "value", "x"))
                        .status());
        return name;
    }

    private static String freshKeyId() {
        String name = Jobs.uniqueName("doomed-key");
        tc.createKey(name, Role.VIEWER);
        return tc.read("/api/keys").findParents("name").stream()
                .filter(k -> k.path("name").asText().equals(name))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asText();
    }

    /** A plausible body per write route so allowed callers reach the handler's real work. */
    private static Object body(RouteSpec route) {
        if (route.method().equals("GET") || route.method().equals("DELETE")) {
            return null;
        }
        return switch (route.method() + " " + route.path()) {
            case "POST /api/jobs" ->
                Jobs.shell(Jobs.uniqueName("matrix"), "true").json();
            case "PUT /api/jobs/{id}" -> Map.of("description", "touched");
            case "POST /api/variables" -> Map.of("name", Jobs.uniqueName("M").replace('-', '_'), "value", "v");
            case "PUT /api/variables/{name}" -> Map.of("value", "v2");
            case "POST /api/keys" -> Map.of("name", Jobs.uniqueName("matrix-key"), "role", "viewer");
            case "PUT /api/settings" -> Map.of("matrix_setting", "x");
            case "POST /api/jobs/groups" -> Map.of("name", "matrix-group");
            case "POST /api/connections" -> connection(Jobs.uniqueName("matrix-conn"));
            case "PUT /api/connections/{name}" -> Map.of("description", "touched");
            case "PUT /api/scripts/{name}" -> Map.of("code", "print(2)");
            case "PUT /api/jobs/pipeline-schedule/{group}" ->
                Map.of("schedule", Map.of("type", "cron", "value", "0 0 3 1 1 *"));
            case "POST /api/agents/register" ->
                Map.of(
                        "name",
                        "matrix-agent",
                        "hostname",
                        "h",
                        "address",
                        "0.0.0.0",
                        "port",
                        0,
                        "agent_type",
                        "custom");
            case "POST /api/agents/{id}/heartbeat" -> Map.of("agent_id", agentId, "running_executions", List.of());
            case "PUT /api/agents/{id}/task-types" -> Map.of("task_types", List.of());
            case "POST /api/auth/session" -> Map.of("api_key", tc.key(Role.VIEWER));
            case "POST /api/templates" -> template(Jobs.uniqueName("matrix-template"));
            case "POST /api/templates/{name}/jobs", "POST /api/jobs/{id}/template" ->
                Map.of("name", Jobs.uniqueName("matrix-from-template"));
            case "POST /api/ai/generate-job" -> Map.of("prompt", "a nightly backup");
            default -> Map.of();
        };
    }
}
