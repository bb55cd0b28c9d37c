package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Groups and pipeline schedules over HTTP (docs/reference/rest.md#groups-and-pipelines). */
class GroupsApiTest extends ControllerPerTest {

    private List<String> groups() {
        JsonNode list = tc.read("/api/jobs/groups");
        return java.util.stream.StreamSupport.stream(list.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    @Test
    void listsDefaultJobGroupsAndCreatedGroupsSorted() {
        Api.createJob(tc, Jobs.shell("etl-a", "true").group("etl"));
        TestController.Response created = tc.post("/api/jobs/groups", Role.OPERATOR, Map.of("name", "  reports "));
        assertEquals(201, created.status(), created::toString);
        assertEquals("reports", created.json().path("name").asText());
        assertEquals(
                201,
                tc.post("/api/jobs/groups", Role.OPERATOR, Map.of("name", "reports"))
                        .status(),
                "idempotent");
        assertEquals(List.of("Default", "etl", "reports"), groups());
        assertProblem(tc.post("/api/jobs/groups", Role.OPERATOR, Map.of("name", "bad/name")), 400);
    }

    @Test
    void bulkGroupMovesJobsAndNullMeansDefault() {
        String a = Api.createJob(tc, Jobs.shell("move-a", "true"));
        String b = Api.createJob(tc, Jobs.shell("move-b", "true"));
        TestController.Response r =
                tc.put("/api/jobs/bulk-group", Role.OPERATOR, Map.of("job_ids", List.of(a, b), "group", "nightly"));
        assertEquals(200, r.status(), r::toString);
        assertEquals(2, r.json().path("updated").asInt());
        assertEquals("nightly", tc.read("/api/jobs/" + a).path("group").asText());
        assertEquals(2, tc.read("/api/jobs/" + a + "/versions").size(), "a move is a versioned update");

        java.util.HashMap<String, Object> back = new java.util.HashMap<>();
        back.put("job_ids", List.of(a));
        back.put("group", null);
        assertEquals(
                1,
                tc.put("/api/jobs/bulk-group", Role.OPERATOR, back)
                        .json()
                        .path("updated")
                        .asInt());
        assertEquals("Default", tc.read("/api/jobs/" + a).path("group").asText());

        assertProblem(
                tc.put(
                        "/api/jobs/bulk-group",
                        Role.OPERATOR,
                        Map.of("job_ids", List.of(b, java.util.UUID.randomUUID().toString()), "group", "x")),
                404);
        assertEquals("nightly", tc.read("/api/jobs/" + b).path("group").asText(), "nothing moved on a bad id");
        assertProblem(tc.put("/api/jobs/bulk-group", Role.OPERATOR, Map.of("job_ids", "nope")), 422);
    }

    @Test
    void renameMovesTheJobsAndThePipeline() {
        String a = Api.createJob(tc, Jobs.shell("ren-a", "true").group("old"));
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/pipeline-schedule/old",
                                Role.OPERATOR,
                                Map.of("schedule", Map.of("type", "cron", "value", "0 0 3 * * *")))
                        .status());
        TestController.Response r =
                tc.put("/api/jobs/rename-group", Role.OPERATOR, Map.of("old_name", "old", "new_name", "new"));
        assertEquals(1, r.json().path("updated").asInt(), r::toString);
        assertEquals("new", tc.read("/api/jobs/" + a).path("group").asText());
        assertEquals(
                "0 0 3 * * *",
                tc.read("/api/jobs/pipeline-schedule/new").path("value").asText());
        assertTrue(tc.read("/api/jobs/pipeline-schedule/old").isNull());
        assertTrue(tc.read("/api/audit-log?per_page=100").toString().contains("group.renamed"));
    }

    @Test
    void pipelineSchedulesAreValidatedStoredAndRemoved() {
        assertTrue(tc.read("/api/jobs/pipeline-schedule/etl").isNull());
        TestController.Response ok = tc.put(
                "/api/jobs/pipeline-schedule/etl",
                Role.OPERATOR,
                Map.of("schedule", Map.of("type", "interval", "value", Map.of("interval_secs", 3600))));
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("ok", ok.json().path("status").asText());
        assertEquals("etl", ok.json().path("group").asText());
        assertEquals(
                3600,
                tc.read("/api/jobs/pipeline-schedule/etl")
                        .path("value")
                        .path("interval_secs")
                        .asInt());

        JsonNode kind = assertProblem(
                tc.put(
                        "/api/jobs/pipeline-schedule/etl",
                        Role.OPERATOR,
                        Map.of("schedule", Map.of("type", "on_demand"))),
                400);
        assertTrue(kind.path("error").asText().contains("cron or interval"), kind::toString);
        assertProblem(
                tc.put(
                        "/api/jobs/pipeline-schedule/etl",
                        Role.OPERATOR,
                        Map.of("schedule", Map.of("type", "cron", "value", "not a cron"))),
                400);
        assertEquals(
                3600,
                tc.read("/api/jobs/pipeline-schedule/etl")
                        .path("value")
                        .path("interval_secs")
                        .asInt(),
                "a refused change keeps the stored schedule");

        assertEquals(
                204, tc.delete("/api/jobs/pipeline-schedule/etl", Role.OPERATOR).status());
        assertTrue(tc.read("/api/jobs/pipeline-schedule/etl").isNull());
    }
}
