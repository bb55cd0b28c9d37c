package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler end to end, on the real clock: cron jobs produce executions by themselves. */
class ScheduledRunsApiTest {
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
    void anEverySecondCronJobRunsByItselfOncePerSlot() {
        String id = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("ticker"), "echo tick").cron("* * * * * *"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> tc.read("/api/jobs/" + id + "/executions?per_page=100")
                                .path("data")
                                .size()
                        >= 2);
        tc.put("/api/jobs/" + id, Role.OPERATOR, java.util.Map.of("status", "paused"));
        JsonNode runs = tc.read("/api/jobs/" + id + "/executions?per_page=100").path("data");
        Set<String> slots = new HashSet<>();
        for (JsonNode run : runs) {
            assertEquals("scheduler", run.path("triggered_by").path("type").asText(), run::toString);
            assertOnItsSlot(run);
            slots.add(run.path("scheduled_for").asText());
        }
        assertEquals(runs.size(), slots.size(), () -> "two runs share a slot: " + runs);
    }

    @Test
    void metricsShowScheduleLatenessAndTimerFailures() {
        String id = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("measured"), "true").cron("* * * * * *"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> tc.read("/api/jobs/" + id + "/executions").path("data").findValues("finished_at").stream()
                        .anyMatch(JsonNode::isTextual));
        tc.put("/api/jobs/" + id, Role.OPERATOR, java.util.Map.of("status", "paused"));
        String metrics = tc.get("/metrics", Role.VIEWER).body();
        java.util.regex.Matcher count = java.util.regex.Pattern.compile(
                        "(?m)^kronforce_schedule_lateness_seconds_count (\\d+)$")
                .matcher(metrics);
        assertTrue(count.find(), metrics);
        assertTrue(Long.parseLong(count.group(1)) >= 1, metrics);
        for (String timer : new String[] {"scheduler", "retries", "sla", "pipelines"}) {
            assertTrue(metrics.contains("kronforce_timer_failures_total{timer=\"" + timer + "\"} 0"), metrics);
        }
    }

    /** A scheduled run names its cron slot: a whole second, at or before its actual start. */
    private static void assertOnItsSlot(JsonNode run) {
        Instant slot = Instant.parse(run.path("scheduled_for").asText());
        assertEquals(0, slot.toEpochMilli() % 1000, run::toString);
        if (!run.path("started_at").isNull()) { // a pending row has not started yet
            assertFalse(Instant.parse(run.path("started_at").asText()).isBefore(slot), run::toString);
        }
    }

    @Test
    void aManualRunHasNoScheduledFor() {
        String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("manual"), "true"));
        String execution = tc.post("/api/jobs/" + id + "/trigger", Role.OPERATOR, null)
                .json()
                .path("execution_id")
                .asText();
        JsonNode run = tc.read("/api/executions/" + execution);
        assertTrue(run.has("scheduled_for") && run.path("scheduled_for").isNull(), run::toString);
    }

    @Test
    void jobResponsesShowTheMisfirePolicyAndAZonedNextFire() {
        String id = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("zoned"), "true")
                        .cron("0 0 9 * * *")
                        .with("timezone", "Asia/Tokyo")
                        .with("misfire_policy", "skip"));
        JsonNode job = tc.read("/api/jobs/" + id);
        assertEquals("skip", job.path("misfire_policy").asText());
        assertTrue(job.path("next_fire_time").asText().endsWith("T00:00:00.000Z"), job::toString); // 09:00 JST
        tc.put("/api/jobs/" + id, Role.OPERATOR, java.util.Map.of("status", "paused"));
        assertTrue(tc.read("/api/jobs/" + id).path("next_fire_time").isNull());
    }

    @Test
    void misfirePolicyDefaultsToRunOnceAndRejectsUnknownValues() {
        String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("plain"), "true"));
        assertEquals(
                "run_once", tc.read("/api/jobs/" + id).path("misfire_policy").asText());
        TestController.Response r = tc.post(
                "/api/jobs",
                Role.OPERATOR,
                Jobs.shell(Jobs.uniqueName("bad"), "true")
                        .with("misfire_policy", "sometimes")
                        .json());
        assertProblem(r, 422);
    }
}
