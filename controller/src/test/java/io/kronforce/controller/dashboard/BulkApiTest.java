package io.kronforce.controller.dashboard;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bulk actions: the preview names exactly the jobs, the action answers per job with failures shown. */
class BulkApiTest extends SharedControllerTest {

    private static String jobIn(String group, String prefix) {
        return Api.createJob(tc, Jobs.shell(Jobs.uniqueName(prefix), "true").with("group", group));
    }

    private static JsonNode ok(TestController.Response r) {
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    @Test
    void aPreviewByFilterListsExactlyTheMatchingJobsAndWhatItLeavesAlone() {
        String group = Jobs.uniqueName("bulk-group");
        String a = jobIn(group, "alpha");
        String b = jobIn(group, "beta");
        jobIn(Jobs.uniqueName("elsewhere"), "alpha");
        ok(tc.put("/api/jobs/" + b, Role.OPERATOR, Map.of("status", "paused")));

        JsonNode p = ok(tc.post(
                "/api/jobs/bulk/preview", Role.OPERATOR, Map.of("action", "pause", "filter", Map.of("group", group))));
        assertEquals(2, p.path("total").asInt(), p::toString);
        assertEquals(1, p.path("will_change").asInt());
        for (JsonNode item : p.path("items")) {
            if (item.path("job_id").asText().equals(b)) {
                assertEquals("already paused", item.path("left_alone").asText());
            } else {
                assertEquals(a, item.path("job_id").asText());
                assertTrue(item.path("left_alone").isNull());
                assertEquals("pause", item.path("effect").asText());
            }
        }
        assertEquals("scheduled", tc.read("/api/jobs/" + a).path("status").asText(), "a preview changes nothing");
    }

    @Test
    void applyingAnswersOnceForEveryJobWithFailuresShown() {
        String group = Jobs.uniqueName("bulk-apply");
        String a = jobIn(group, "one");
        String b = jobIn(group, "two");
        JsonNode r = ok(tc.post(
                "/api/jobs/bulk",
                Role.OPERATOR,
                Map.of("action", "pause", "job_ids", List.of(a, "no-such-job", b, a))));
        assertEquals(2, r.path("succeeded").asInt(), r::toString);
        assertEquals(1, r.path("failed").asInt());
        assertEquals(3, r.path("results").size(), "duplicates count once");
        JsonNode missing = r.path("results").get(1);
        assertFalse(missing.path("ok").asBoolean());
        assertEquals(404, missing.path("status").asInt());
        assertEquals("job not found", missing.path("error").asText());
        assertEquals("paused", tc.read("/api/jobs/" + b).path("status").asText());

        JsonNode again = ok(tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "pause", "job_ids", List.of(a))));
        assertEquals(1, again.path("left_alone").asInt(), again::toString);
    }

    @Test
    void runMoveAndDeleteGoThroughTheSingleJobUseCases() {
        String group = Jobs.uniqueName("bulk-run");
        String a = jobIn(group, "runner");
        JsonNode run = ok(tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "run", "job_ids", List.of(a))));
        String execution = run.path("results").get(0).path("execution_id").asText();
        assertEquals(
                "succeeded",
                Api.awaitTerminal(tc, execution, Duration.ofSeconds(20))
                        .path("status")
                        .asText());

        String target = Jobs.uniqueName("moved-to");
        ok(tc.post(
                "/api/jobs/bulk",
                Role.OPERATOR,
                Map.of("action", "set_group", "group", target, "job_ids", List.of(a))));
        assertEquals(target, tc.read("/api/jobs/" + a).path("group").asText());

        ok(tc.post("/api/jobs/bulk", Role.ADMIN, Map.of("action", "delete", "job_ids", List.of(a))));
        assertProblem(tc.get("/api/jobs/" + a, Role.VIEWER), 404);
        JsonNode audit = tc.read("/api/audit-log?operation=job.deleted");
        assertTrue(audit.toString().contains(a), "each job is audited as if deleted alone");
    }

    @Test
    void badRequestsAreProblemsAndViewersMayNotAct() {
        assertProblem(
                tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "explode", "job_ids", List.of("x"))), 400);
        assertProblem(
                tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "set_group", "job_ids", List.of("x"))), 400);
        assertProblem(tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "pause")), 400);
        assertProblem(tc.post("/api/jobs/bulk", Role.OPERATOR, Map.of("action", "pause", "job_ids", "x")), 422);
        assertProblem(tc.post("/api/jobs/bulk/preview", Role.OPERATOR, Map.of("action", "pause")), 400);
        assertProblem(
                tc.post(
                        "/api/jobs/bulk",
                        Role.OPERATOR,
                        Map.of(
                                "action",
                                "pause",
                                "job_ids",
                                Collections.nCopies(501, "x").stream()
                                        .map(s -> s + Math.random())
                                        .toList())),
                400);
        assertProblem(
                tc.post("/api/jobs/bulk/preview", Role.VIEWER, Map.of("action", "pause", "job_ids", List.of())), 403);
        assertProblem(tc.post("/api/jobs/bulk", Role.VIEWER, Map.of("action", "pause", "job_ids", List.of("x"))), 403);
    }
}
