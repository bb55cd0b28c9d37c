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
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/jobs}: upstream's JobResponse, pagination, filters, partial update, versions, delete. */
class JobsApiTest {
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

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
    void dataHandlersAreInstalledAndATypeBeyondUpstreamIsAccepted() {
        Map<String, Object> onDemand = Map.of("type", "on_demand");
        TestController.Response nats = tc.post(
                "/api/jobs",
                Role.ADMIN,
                Map.of(
                        "name",
                        "nats-beyond-upstream",
                        "schedule",
                        onDemand,
                        "task",
                        Map.of("type", "nats", "url", "nats://127.0.0.1:4222", "subject", "kf.a")));
        assertEquals(201, nats.status(), nats::toString);
        JsonNode problem = assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.ADMIN,
                        Map.of(
                                "name",
                                "sql-bad-driver",
                                "schedule",
                                onDemand,
                                "task",
                                Map.of(
                                        "type",
                                        "sql",
                                        "driver",
                                        "oracle",
                                        "query",
                                        "SELECT 1",
                                        "connection_string",
                                        "a.db"))),
                422); // a task its handler cannot run: 422 with a pointer
        assertTrue(problem.toString().contains("/task/driver"), problem::toString);
    }

    @Test
    void createAnswers201WithUpstreamsJobResponse() {
        TestController.Response r = tc.post(
                "/api/jobs",
                Role.OPERATOR,
                Jobs.shell("nightly report", "echo hi").cron("0 30 2 * * *").json());
        assertEquals(201, r.status(), r::toString);
        assertTrue(r.contentType().startsWith("application/json"));
        JsonNode job = r.json();
        assertTrue(job.path("id").asText().matches(UUID), job::toString);
        assertEquals("nightly report", job.path("name").asText());
        assertEquals("shell", job.path("task").path("type").asText());
        assertEquals("echo hi", job.path("task").path("command").asText());
        assertEquals("cron", job.path("schedule").path("type").asText());
        assertEquals("0 30 2 * * *", job.path("schedule").path("value").asText());
        assertEquals("scheduled", job.path("status").asText());
        assertTrue(job.path("depends_on").isArray() && job.path("depends_on").isEmpty());
        assertEquals("Default", job.path("group").asText());
        assertEquals(1.0, job.path("retry_backoff").asDouble());
        assertEquals(0, job.path("retry_max").asInt());
        assertEquals(0, job.path("priority").asInt());
        assertFalse(job.path("approval_required").asBoolean());
        Instant next = Instant.parse(job.path("next_fire_time").asText());
        assertTrue(next.isAfter(Instant.now()), job::toString);
        assertEquals(30, next.atZone(java.time.ZoneOffset.UTC).getMinute());
        assertEquals(0, job.path("execution_counts").path("total").asInt(), job::toString);
        assertTrue(job.path("deps_satisfied").asBoolean());
        assertTrue(job.path("last_execution").isNull());
        assertTrue(job.path("timeout_secs").isNull() && job.has("target") && job.has("description"));
        Instant.parse(job.path("created_at").asText());
        assertEquals(job, tc.read("/api/jobs/" + job.path("id").asText()));
    }

    @Test
    void anOnDemandJobHasNoNextFireTime() {
        JsonNode job = tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell("manual-only", "true").json())
                .json();
        assertTrue(job.path("next_fire_time").isNull(), job::toString);
    }

    @Test
    void listIsPaginatedByNameWithUpstreamsWrapper() {
        JsonNode empty = tc.read("/api/jobs?group=Nobody");
        assertEquals(0, empty.path("total").asInt());
        assertEquals(1, empty.path("total_pages").asInt());
        assertEquals(1, empty.path("page").asInt());
        assertEquals(20, empty.path("per_page").asInt());
        assertTrue(empty.path("data").isArray() && empty.path("data").isEmpty());
        for (String name : List.of("page-e", "page-c", "page-a", "page-d", "page-b")) {
            Api.createJob(tc, Jobs.shell(name, "true").group("Paging"));
        }
        JsonNode first = tc.read("/api/jobs?group=Paging&per_page=2");
        assertEquals(5, first.path("total").asInt());
        assertEquals(3, first.path("total_pages").asInt());
        assertEquals(List.of("page-a", "page-b"), names(first));
        JsonNode last = tc.read("/api/jobs?group=Paging&per_page=2&page=3");
        assertEquals(List.of("page-e"), names(last));
        assertEquals(3, last.path("page").asInt());
        assertEquals(100, tc.read("/api/jobs?per_page=1000").path("per_page").asInt());
        assertEquals(1, tc.read("/api/jobs?page=0").path("page").asInt());
    }

    @Test
    void searchGroupAndStatusFiltersNarrowTheList() {
        String paused = Api.createJob(
                tc, Jobs.shell("filter-paused", "echo needle-in-task").group("Filters"));
        Api.createJob(tc, Jobs.shell("filter-running", "true").group("Filters"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + paused, Role.OPERATOR, Map.of("status", "paused"))
                        .status());
        assertEquals(List.of("filter-paused", "filter-running"), names(tc.read("/api/jobs?group=Filters")));
        assertEquals(List.of("filter-paused"), names(tc.read("/api/jobs?search=needle-in-task")));
        assertEquals(List.of("filter-running"), names(tc.read("/api/jobs?search=filter-run")));
        assertEquals(List.of("filter-paused"), names(tc.read("/api/jobs?group=Filters&status=paused")));
        assertEquals(List.of("filter-running"), names(tc.read("/api/jobs?group=Filters&status=scheduled")));
        assertTrue(names(tc.read("/api/jobs?group=Default")).stream().noneMatch(n -> n.startsWith("filter-")));
    }

    @Test
    void putChangesOnlyGivenFieldsAndBumpsUpdatedAt() throws InterruptedException {
        JsonNode created = tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell("partial", "echo one")
                                .timeout(30)
                                .group("Keep")
                                .description("before")
                                .json())
                .json();
        String id = created.path("id").asText();
        Thread.sleep(5); // updated_at has millisecond resolution
        TestController.Response r = tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("description", "after"));
        assertEquals(200, r.status(), r::toString);
        JsonNode updated = r.json();
        assertEquals("after", updated.path("description").asText());
        assertEquals(created.path("task"), updated.path("task"));
        assertEquals(30, updated.path("timeout_secs").asInt());
        assertEquals("Keep", updated.path("group").asText());
        assertEquals(created.path("created_at"), updated.path("created_at"));
        assertTrue(
                Instant.parse(updated.path("updated_at").asText())
                        .isAfter(Instant.parse(created.path("updated_at").asText())),
                updated::toString);
    }

    @Test
    void aStaleIfUnmodifiedSinceIs409AndTheCurrentOneSucceeds() {
        JsonNode created = tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell("optimistic", "true").json())
                .json();
        String id = created.path("id").asText();
        String seen = created.path("updated_at").asText();
        assertEquals(
                200,
                tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("description", "first", "if_unmodified_since", seen))
                        .status());
        String stale = Instant.parse(seen).minusSeconds(60).toString();
        assertProblem(
                tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("description", "second", "if_unmodified_since", stale)),
                409);
        assertEquals("first", tc.read("/api/jobs/" + id).path("description").asText());
    }

    @Test
    void versionsAreListedNewestFirstWithTheirAuthor() {
        String id = Api.createJob(tc, Jobs.shell("versioned", "echo v1"));
        tc.put("/api/jobs/" + id, Role.OPERATOR, Map.of("task", Map.of("type", "shell", "command", "echo v2")));
        tc.put("/api/jobs/" + id, Role.ADMIN, Map.of("task", Map.of("type", "shell", "command", "echo v3")));
        JsonNode versions = tc.read("/api/jobs/" + id + "/versions");
        List<Integer> numbers = new ArrayList<>();
        versions.forEach(v -> numbers.add(v.path("version").asInt()));
        assertEquals(List.of(3, 2, 1), numbers);
        assertEquals(
                "echo v3",
                versions.get(0).path("snapshot").path("task").path("command").asText(),
                versions::toString);
        assertEquals(
                "echo v1",
                versions.get(2).path("snapshot").path("task").path("command").asText());
        assertEquals("admin (bootstrap)", versions.get(0).path("changed_by").asText(), versions::toString);
        assertEquals("operator", versions.get(1).path("changed_by").asText());
    }

    @Test
    void deleteAnswers204ThenTheJobIsGone() {
        String id = Api.createJob(tc, Jobs.shell("short-lived", "true"));
        assertEquals(204, tc.delete("/api/jobs/" + id, Role.OPERATOR).status());
        assertProblem(tc.get("/api/jobs/" + id, Role.VIEWER), 404);
        assertProblem(tc.delete("/api/jobs/" + id, Role.OPERATOR), 404);
        assertProblem(tc.post("/api/jobs/" + id + "/trigger", Role.OPERATOR, Map.of()), 404);
        assertTrue(names(tc.read("/api/jobs?per_page=100")).stream().noneMatch("short-lived"::equals));
    }

    private static List<String> names(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("data").forEach(j -> out.add(j.path("name").asText()));
        return out;
    }
}
