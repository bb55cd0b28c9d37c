package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's versions (docs/reference/rest.md#jobs): snapshots of the whole job, one version, the
 * difference between two, and a restore that saves a new version through the update's checks.
 */
class JobVersionsApiTest {
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

    private static String edited(String name) {
        String id = Api.createJob(tc, Jobs.shell(name, "echo v1"));
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/" + id,
                                Role.OPERATOR,
                                Map.of(
                                        "name",
                                        name + "-renamed",
                                        "status",
                                        "paused",
                                        "task",
                                        Map.of("type", "shell", "command", "echo v2"),
                                        "timeout_secs",
                                        30))
                        .status());
        return id;
    }

    @Test
    void versionsCarryTheJobsIdNameAndStatus() {
        String id = edited("carrier");
        JsonNode versions = tc.read("/api/jobs/" + id + "/versions");
        JsonNode latest = versions.get(0).path("snapshot");
        assertEquals(id, latest.path("id").asText(), versions::toString);
        assertEquals("carrier-renamed", latest.path("name").asText());
        assertEquals("paused", latest.path("status").asText());
        JsonNode first = tc.read("/api/jobs/" + id + "/versions/1");
        assertEquals(1, first.path("version").asInt());
        assertEquals("carrier", first.path("snapshot").path("name").asText(), first::toString);
        assertEquals("scheduled", first.path("snapshot").path("status").asText());
        assertEquals("operator", first.path("changed_by").asText());
    }

    @Test
    void theDiffListsEachChangedFieldWithBothValues() {
        String id = edited("differ");
        JsonNode diff = tc.read("/api/jobs/" + id + "/versions/1/diff");
        assertEquals(1, diff.path("from").asInt());
        assertEquals(2, diff.path("to").asInt(), "to defaults to the latest version");
        Map<String, JsonNode> changes = new java.util.LinkedHashMap<>();
        diff.path("changes").forEach(c -> changes.put(c.path("field").asText(), c));
        assertEquals(java.util.Set.of("name", "task", "status", "timeout_secs"), changes.keySet(), diff::toString);
        assertEquals("differ", changes.get("name").path("from").asText());
        assertEquals("differ-renamed", changes.get("name").path("to").asText());
        assertEquals("echo v2", changes.get("task").path("to").path("command").asText());
        assertTrue(changes.get("timeout_secs").path("from").isNull());
        assertEquals(30, changes.get("timeout_secs").path("to").asInt());

        JsonNode backwards = tc.read("/api/jobs/" + id + "/versions/2/diff?to=1");
        assertEquals("differ", find(backwards, "name").path("to").asText(), backwards::toString);
        assertEquals(
                0,
                tc.read("/api/jobs/" + id + "/versions/2/diff?to=2")
                        .path("changes")
                        .size());
    }

    @Test
    void aRestoreSavesTheOldDefinitionAsANewVersionAuditedAndKeepsTheStatus() {
        String id = edited("restorer");
        TestController.Response restored = tc.post("/api/jobs/" + id + "/versions/1/restore", Role.OPERATOR, null);
        assertEquals(200, restored.status(), restored::toString);
        JsonNode job = restored.json();
        assertEquals("restorer", job.path("name").asText());
        assertEquals("echo v1", job.path("task").path("command").asText());
        assertTrue(job.path("timeout_secs").isNull(), "a field null in the version is null again: " + job);
        assertEquals("paused", job.path("status").asText(), "the status is not part of what is restored");

        JsonNode versions = tc.read("/api/jobs/" + id + "/versions");
        assertEquals(3, versions.size(), "history is kept and a version added");
        assertEquals(
                "echo v2",
                versions.get(1).path("snapshot").path("task").path("command").asText());
        assertEquals(3, versions.get(0).path("version").asInt());
        assertEquals(
                "echo v1",
                versions.get(0).path("snapshot").path("task").path("command").asText());

        JsonNode audit = tc.read("/api/audit-log?per_page=100").path("data");
        JsonNode row = null;
        for (JsonNode a : audit) {
            if ("job.restored".equals(a.path("operation").asText())
                    && id.equals(a.path("resource_id").asText())) {
                row = a;
            }
        }
        assertTrue(row != null, audit::toString);
        assertTrue(row.path("details").asText().startsWith("restored version 1: "), row::toString);
        assertEquals("operator", row.path("actor_key_name").asText());

        assertEquals(
                200,
                tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("status", "scheduled"))
                        .status());
        String run = Api.trigger(tc, id);
        assertEquals(
                "echo v1".substring(5),
                Api.awaitTerminal(tc, run, Duration.ofSeconds(10))
                        .path("stdout")
                        .asText()
                        .trim());
    }

    @Test
    void aRestoreGoesThroughTheJobChecks() {
        String id = edited("checked");
        Api.createJob(tc, Jobs.shell("checked", "true"));
        assertEquals(
                "job name 'checked' already exists",
                assertProblem(tc.post("/api/jobs/" + id + "/versions/1/restore", Role.OPERATOR, null), 409)
                        .path("error")
                        .asText());

        String dependency = Api.createJob(tc, Jobs.shell("short-lived-dependency", "true"));
        String dependent = Api.createJob(tc, Jobs.shell("dependent", "true").dependsOn(dependency));
        tc.put("/api/jobs/" + dependent, Role.OPERATOR, Map.of("depends_on", java.util.List.of()));
        assertEquals(204, tc.delete("/api/jobs/" + dependency, Role.OPERATOR).status());
        assertProblem(tc.post("/api/jobs/" + dependent + "/versions/1/restore", Role.OPERATOR, null), 400);
        assertEquals(2, tc.read("/api/jobs/" + dependent + "/versions").size(), "a refused restore saves nothing");

        assertProblem(
                tc.post(
                        "/api/jobs/" + id + "/versions/1/restore",
                        Role.OPERATOR,
                        Map.of("if_unmodified_since", "2001-01-01T00:00:00Z")),
                409);
    }

    @Test
    void badVersionsAndUnknownJobsAreProblems() {
        String id = edited("probed");
        assertProblem(tc.get("/api/jobs/" + id + "/versions/9", Role.VIEWER), 404);
        assertProblem(tc.get("/api/jobs/" + id + "/versions/abc", Role.VIEWER), 400);
        assertProblem(tc.get("/api/jobs/" + id + "/versions/0/diff", Role.VIEWER), 400);
        assertProblem(tc.get("/api/jobs/" + id + "/versions/1/diff?to=x", Role.VIEWER), 400);
        assertProblem(tc.get("/api/jobs/" + id + "/versions/1/diff?to=7", Role.VIEWER), 404);
        assertProblem(tc.post("/api/jobs/" + id + "/versions/5/restore", Role.OPERATOR, null), 404);
        String unknown = java.util.UUID.randomUUID().toString();
        assertProblem(tc.get("/api/jobs/" + unknown + "/versions/1", Role.VIEWER), 404);
        assertProblem(tc.post("/api/jobs/" + unknown + "/versions/1/restore", Role.OPERATOR, null), 404);
        assertProblem(tc.post("/api/jobs/" + id + "/versions/1/restore", Role.VIEWER, null), 403);
        assertEquals(2, tc.read("/api/jobs/" + id + "/versions").size());
    }

    private static JsonNode find(JsonNode diff, String field) {
        for (JsonNode c : diff.path("changes")) {
            if (field.equals(c.path("field").asText())) {
                return c;
            }
        }
        throw new AssertionError("no change of " + field + " in " + diff);
    }
}
