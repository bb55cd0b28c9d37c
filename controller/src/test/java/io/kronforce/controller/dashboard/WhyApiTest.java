package io.kronforce.controller.dashboard;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Why didn't it run?" on refusals and dropped slots the test causes through the API and a restart. */
class WhyApiTest {
    @TempDir
    Path dir;

    private final MutableInstantSource clock = new MutableInstantSource(Instant.parse("2026-03-02T10:00:30Z"));
    private TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir, Map.of(), clock);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    private JsonNode why(String jobId, String query) {
        return tc.read("/api/jobs/" + jobId + "/why" + query);
    }

    private static List<JsonNode> ofKind(JsonNode report, String kind) {
        List<JsonNode> out = new java.util.ArrayList<>();
        report.path("items").forEach(i -> {
            if (i.path("kind").asText().equals(kind)) {
                out.add(i);
            }
        });
        return out;
    }

    @Test
    void slotsDroppedDuringAnOutageAreListedWithTheirLag() {
        String id = Api.createJob(
                tc, Jobs.shell("every-minute", "true").cron("0 * * * * *").with("misfire_policy", "skip"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> !tc.read("/api/jobs/" + id).path("next_fire_time").isNull());
        tc.restartAt(() -> clock.set(Instant.parse("2026-03-02T10:10:30Z")));
        JsonNode report = Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(
                        () -> why(id, "?since=2026-03-02T10:00:00Z&until=2026-03-02T10:11:00Z"),
                        r -> ofKind(r, "misfire").size() >= 5);
        JsonNode first = ofKind(report, "misfire").get(ofKind(report, "misfire").size() - 1);
        assertEquals("2026-03-02T10:01:00.000Z", first.path("slot").asText(), report::toString);
        assertEquals(570, first.path("lag_secs").asLong(), first::toString);
        assertTrue(first.path("reason").asText().contains("misfire policy skip"));
        assertTrue(first.hasNonNull("execution_id"));
        assertEquals(
                ofKind(report, "misfire").size(),
                report.path("counts").path("misfire").asLong());
        assertEquals(1, ofKind(report, "misfire_summary").size(), report::toString);
        assertEquals(
                0,
                ofKind(why(id, "?since=2026-03-02T09:00:00Z&until=2026-03-02T10:00:59Z"), "misfire")
                        .size(),
                "slots outside the range are not listed");
    }

    @Test
    void refusalsWaitsAndApprovalsAreListed() {
        String busy = Api.createJob(tc, Jobs.shell("busy", "sleep 5").with("max_concurrent", IntNode.valueOf(1)));
        String running = Api.trigger(tc, busy);
        Api.awaitStatus(tc, running, "running", Duration.ofSeconds(10));
        String refused = Api.trigger(tc, busy);
        String upstream = Api.createJob(tc, Jobs.shell("never-ran", "true"));
        String dependent = Api.createJob(
                tc,
                Jobs.shell("dependent", "true")
                        .with(
                                "depends_on",
                                TestController.JSON
                                        .createArrayNode()
                                        .add(TestController.JSON
                                                .createObjectNode()
                                                .put("job_id", upstream))));
        Api.trigger(tc, dependent);
        String gated = Api.createJob(
                tc,
                Jobs.shell("gated", "true")
                        .with("approval_required", com.fasterxml.jackson.databind.node.BooleanNode.TRUE));
        Api.trigger(tc, gated);

        JsonNode busyWhy = why(busy, "");
        List<JsonNode> refusals = ofKind(busyWhy, "concurrency_refused");
        assertEquals(1, refusals.size(), busyWhy::toString);
        assertEquals(refused, refusals.get(0).path("execution_id").asText());
        assertEquals("max_concurrent 1 reached", refusals.get(0).path("reason").asText());
        JsonNode dependentWhy = why(dependent, "");
        assertEquals(1, ofKind(dependentWhy, "dependency_wait").size(), dependentWhy::toString);
        assertTrue(ofKind(dependentWhy, "dependency_wait")
                .get(0)
                .path("reason")
                .asText()
                .contains("never-ran"));
        assertEquals(1, ofKind(why(gated, ""), "pending_approval").size());
        assertEquals(0, why(upstream, "").path("items").size());
    }

    @Test
    void badRangesAndUnknownJobsAreProblems() {
        String id = Api.createJob(tc, Jobs.shell("plain", "true"));
        assertProblem(tc.get("/api/jobs/" + id + "/why?since=yesterday", Role.VIEWER), 400);
        assertProblem(
                tc.get("/api/jobs/" + id + "/why?since=2026-03-02T10:00:00Z&until=2026-03-01T10:00:00Z", Role.VIEWER),
                400);
        assertProblem(
                tc.get("/api/jobs/" + id + "/why?since=2026-01-01T00:00:00Z&until=2026-03-01T00:00:00Z", Role.VIEWER),
                400);
        assertProblem(tc.get("/api/jobs/no-such-job/why", Role.VIEWER), 404);
        assertEquals(200, tc.get("/api/jobs/" + id + "/why", Role.VIEWER).status());
        assertProblem(tc.get("/api/jobs/" + id + "/why", Role.AGENT), 403);
        assertProblem(tc.send("GET", "/api/jobs/" + id + "/why", null, null, null), 401);
    }
}
