package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/templates} (docs/reference/rest.md#templates): upstream's shapes and seeded templates,
 * saving a job as a template and creating a runnable job from one with its parameters filled in.
 */
class TemplatesApiTest {
    private static final List<String> SEEDED = List.of(
            "API Latency Test",
            "Database Backup",
            "Deploy with Approval",
            "ETL Extract",
            "Event Reactor",
            "File Transfer (SFTP)",
            "HTTP Health Check",
            "Shell Cron Task");

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

    private static String path(String name) {
        return "/api/templates/"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void upstreamsEightTemplatesAreSeededWithLowercaseHttpMethods() {
        JsonNode list = tc.get("/api/templates", Role.VIEWER).json();
        List<String> names = new ArrayList<>();
        list.forEach(t -> {
            if ("system".equals(t.path("created_by").asText())) {
                names.add(t.path("name").asText());
            }
        });
        assertEquals(SEEDED, names, list::toString);
        JsonNode health = tc.get(path("HTTP Health Check"), Role.VIEWER).json();
        assertEquals("get", health.path("snapshot").path("task").path("method").asText(), health::toString);
        assertEquals("Monitoring", health.path("snapshot").path("group").asText());
        assertEquals("2026-04-03T00:00:00.000Z", health.path("created_at").asText());
        assertTrue(health.path("description").asText().startsWith("Monitor a URL"));
    }

    @Test
    void everySeededTemplateMakesAValidJob() {
        for (String name : SEEDED) {
            TestController.Response r = tc.post(
                    path(name) + "/jobs",
                    Role.OPERATOR,
                    Map.of(
                            "name",
                            Jobs.uniqueName("from-seed"),
                            "schedule",
                            Map.of("type", "cron", "value", "0 0 3 * * *")));
            assertEquals(201, r.status(), () -> name + ": " + r);
            assertEquals("cron", r.json().path("schedule").path("type").asText());
        }
    }

    @Test
    void saveReplacesReadsAndDeletesInUpstreamsShapeWithAudit() {
        Map<String, Object> snapshot = Map.of("task", Map.of("type", "shell", "command", "echo one"), "group", "Ops");
        TestController.Response saved = tc.post(
                "/api/templates",
                Role.OPERATOR,
                Map.of("name", "nightly report", "description", "first", "snapshot", snapshot));
        assertEquals(201, saved.status(), saved::toString);
        JsonNode t = saved.json();
        assertEquals("nightly report", t.path("name").asText());
        assertEquals("first", t.path("description").asText());
        assertEquals("echo one", t.path("snapshot").path("task").path("command").asText());
        assertEquals("operator", t.path("created_by").asText());
        assertTrue(t.path("created_at").asText().endsWith("Z"), t::toString);

        Map<String, Object> second = Map.of("task", Map.of("type", "shell", "command", "echo two"));
        assertEquals(
                201,
                tc.post("/api/templates", Role.ADMIN, Map.of("name", "nightly report", "snapshot", second))
                        .status());
        JsonNode read = tc.get(path("nightly report"), Role.VIEWER).json();
        assertEquals(
                "echo two", read.path("snapshot").path("task").path("command").asText(), "a save replaces");
        assertTrue(read.path("description").isNull(), read::toString);

        assertEquals(204, tc.delete(path("nightly report"), Role.OPERATOR).status());
        assertProblem(tc.get(path("nightly report"), Role.VIEWER), 404);
        assertProblem(tc.delete(path("nightly report"), Role.OPERATOR), 404);
        JsonNode audit = tc.read("/api/audit-log?per_page=100").path("data");
        assertEquals(2, count(audit, "template.saved", "nightly report"));
        assertEquals(1, count(audit, "template.deleted", "nightly report"));
    }

    @Test
    void badTemplatesAreRefusedWithProblemJsonAndNothingIsStored() {
        Map<String, Object> task = Map.of("type", "shell", "command", "true");
        assertEquals(
                "template name required",
                assertProblem(tc.post("/api/templates", Role.OPERATOR, Map.of("snapshot", Map.of("task", task))), 400)
                        .path("error")
                        .asText());
        assertProblem(
                tc.post("/api/templates", Role.OPERATOR, Map.of("name", " ", "snapshot", Map.of("task", task))), 400);
        assertProblem(
                tc.post("/api/templates", Role.OPERATOR, Map.of("name", "a/b", "snapshot", Map.of("task", task))), 400);
        assertProblem(tc.post("/api/templates", Role.OPERATOR, Map.of("name", "no-snapshot")), 422);
        assertProblem(tc.post("/api/templates", Role.OPERATOR, Map.of("name", "list", "snapshot", List.of())), 422);
        assertEquals(
                "task is required",
                assertProblem(
                                tc.post(
                                        "/api/templates",
                                        Role.OPERATOR,
                                        Map.of("name", "no-task", "snapshot", Map.of("group", "Ops"))),
                                400)
                        .path("error")
                        .asText());
        assertProblem(
                tc.post(
                        "/api/templates",
                        Role.OPERATOR,
                        Map.of(
                                "name",
                                "bad-cron",
                                "snapshot",
                                Map.of("task", task, "schedule", Map.of("type", "cron", "value", "not cron")))),
                400);
        assertProblem(tc.send("POST", "/api/templates", tc.key(Role.OPERATOR), "application/json", "{"), 400);
        for (String name : List.of("no-snapshot", "list", "no-task", "bad-cron")) {
            assertProblem(tc.get(path(name), Role.VIEWER), 404);
        }
        assertProblem(tc.post(path("no such template") + "/jobs", Role.OPERATOR, Map.of("name", "x")), 404);
    }

    @Test
    void aJobFromATemplateGetsItsParametersFilledInAndRuns() {
        Map<String, Object> snapshot = Map.of(
                "task",
                Map.of("type", "shell", "command", "echo {{params.greeting}} {{params.times}} {{params.later}}"),
                "description",
                "says {{params.greeting}}",
                "parameters",
                List.of(
                        Map.of("name", "greeting", "param_type", "text", "required", true),
                        Map.of("name", "times", "param_type", "number"),
                        Map.of("name", "later", "param_type", "text", "default", "soon")));
        assertEquals(
                201,
                tc.post("/api/templates", Role.OPERATOR, Map.of("name", "greeter", "snapshot", snapshot))
                        .status());

        TestController.Response created = tc.post(
                path("greeter") + "/jobs",
                Role.OPERATOR,
                Map.of("name", "greet-world", "params", Map.of("greeting", "hello", "times", "3")));
        assertEquals(201, created.status(), created::toString);
        JsonNode job = created.json();
        assertEquals(
                "echo hello 3 {{params.later}}",
                job.path("task").path("command").asText(),
                job::toString);
        assertEquals("says hello", job.path("description").asText());
        assertEquals("on_demand", job.path("schedule").path("type").asText(), "no schedule given: on demand");
        assertEquals(1, job.path("parameters").size(), "filled parameters leave the job: " + job);
        assertEquals("later", job.path("parameters").get(0).path("name").asText());

        String run = Api.trigger(tc, job.path("id").asText());
        JsonNode done = Api.awaitTerminal(tc, run, Duration.ofSeconds(10));
        assertEquals("succeeded", done.path("status").asText(), done::toString);
        assertEquals("hello 3 soon", done.path("stdout").asText().trim(), done::toString);
        JsonNode audit = tc.read("/api/audit-log?per_page=100").path("data");
        assertEquals(1, count(audit, "job.created", job.path("id").asText()));
    }

    @Test
    void badParametersAndInvalidJobsFromATemplateAre4xxAndCreateNothing() {
        Map<String, Object> snapshot = Map.of(
                "task",
                Map.of("type", "shell", "command", "echo {{params.size}} {{params.free}}"),
                "parameters",
                List.of(Map.of("name", "size", "param_type", "select", "options", List.of("s", "m"))));
        assertEquals(
                201,
                tc.post("/api/templates", Role.OPERATOR, Map.of("name", "sized", "snapshot", snapshot))
                        .status());
        String at = path("sized") + "/jobs";
        assertProblem(tc.post(at, Role.OPERATOR, Map.of("name", "sized-1", "params", Map.of("size", "xl"))), 400);
        assertProblem(tc.post(at, Role.OPERATOR, Map.of("name", "sized-2", "params", Map.of("colour", "red"))), 400);
        assertProblem(
                tc.post(at, Role.OPERATOR, Map.of("name", "sized-3", "params", Map.of("free", List.of("x")))), 400);
        assertProblem(tc.post(at, Role.OPERATOR, Map.of("name", "sized-4", "params", "size=s")), 422);
        assertProblem(tc.post(at, Role.OPERATOR, Map.of("params", Map.of("size", "s"))), 400);
        assertProblem(
                tc.post(at, Role.OPERATOR, Map.of("name", "sized-5", "schedule", Map.of("type", "cron", "value", "x"))),
                400);
        assertEquals(
                201,
                tc.post(at, Role.OPERATOR, Map.of("name", "sized-ok", "params", Map.of("size", "m", "free", 7)))
                        .status());
        assertProblem(tc.post(at, Role.OPERATOR, Map.of("name", "sized-ok")), 409);
        JsonNode jobs = tc.read("/api/jobs?search=sized&per_page=100").path("data");
        assertEquals(1, jobs.size(), jobs::toString);
        assertEquals("echo m 7", jobs.get(0).path("task").path("command").asText());
    }

    @Test
    void aJobSavedAsATemplateMakesTheSameJobUnderANewName() {
        String id = Api.createJob(
                tc,
                Jobs.shell("template-source", "echo from source")
                        .cron("0 30 4 * * *")
                        .group("Nightly")
                        .description("the original"));
        TestController.Response saved =
                tc.post("/api/jobs/" + id + "/template", Role.OPERATOR, Map.of("name", "from source"));
        assertEquals(201, saved.status(), saved::toString);
        JsonNode snapshot = saved.json().path("snapshot");
        assertEquals("the original", saved.json().path("description").asText());
        assertFalse(snapshot.has("id") || snapshot.has("name") || snapshot.has("status"), snapshot::toString);
        assertEquals("echo from source", snapshot.path("task").path("command").asText());

        JsonNode copy = tc.post(path("from source") + "/jobs", Role.OPERATOR, Map.of("name", "source-copy"))
                .json();
        assertEquals("source-copy", copy.path("name").asText(), copy::toString);
        assertEquals("0 30 4 * * *", copy.path("schedule").path("value").asText());
        assertEquals("Nightly", copy.path("group").asText());
        assertProblem(tc.post("/api/jobs/" + id + "/template", Role.OPERATOR, Map.of()), 400);
        assertProblem(
                tc.post("/api/jobs/" + java.util.UUID.randomUUID() + "/template", Role.OPERATOR, Map.of("name", "x")),
                404);
    }

    @Test
    void readersMayListButNotWrite() {
        assertEquals(200, tc.get("/api/templates", Role.VIEWER).status());
        assertProblem(tc.post("/api/templates", Role.VIEWER, Map.of("name", "v", "snapshot", Map.of())), 403);
        assertProblem(tc.delete(path("Shell Cron Task"), Role.VIEWER), 403);
        assertProblem(tc.post(path("Shell Cron Task") + "/jobs", Role.VIEWER, Map.of("name", "v")), 403);
        assertProblem(tc.get("/api/templates", Role.AGENT), 403);
        assertEquals(200, tc.get(path("Shell Cron Task"), Role.VIEWER).status());
    }

    private static long count(JsonNode audit, String operation, String resourceId) {
        long n = 0;
        for (JsonNode a : audit) {
            if (operation.equals(a.path("operation").asText())
                    && resourceId.equals(a.path("resource_id").asText())) {
                n++;
            }
        }
        return n;
    }
}
