package io.kronforce.controller.dashboard;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's overview routes in upstream's shapes, on runs made through the API at a fixed
 * instant: two runs at 10:07:30 (one succeeds, one fails) and one at 10:09:30.
 */
class OverviewApiTest {
    @TempDir
    static Path dir;

    static final MutableInstantSource CLOCK = new MutableInstantSource(Instant.parse("2026-03-02T10:07:30Z"));
    static TestController tc;
    static String okJob;
    static String failingJob;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir, Map.of(), CLOCK);
        okJob = Api.createJob(tc, Jobs.shell("overview-ok", "true"));
        failingJob = Api.createJob(tc, Jobs.shell("overview-fails", "exit 3"));
        Api.awaitTerminal(tc, Api.trigger(tc, okJob), Duration.ofSeconds(20));
        Api.awaitTerminal(tc, Api.trigger(tc, failingJob), Duration.ofSeconds(20));
        CLOCK.set(Instant.parse("2026-03-02T10:09:30Z"));
        Api.awaitTerminal(tc, Api.trigger(tc, okJob), Duration.ofSeconds(20));
        CLOCK.set(Instant.parse("2026-03-02T10:10:05Z"));
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    @Test
    void theTimelineHasEveryMinuteWithCountsInTheMinuteARunStarted() {
        JsonNode t = tc.read("/api/timeline?minutes=5");
        assertEquals(5, t.size(), t::toString);
        assertEquals("2026-03-02T10:06", t.get(0).path("time").asText());
        assertEquals("2026-03-02T10:10", t.get(4).path("time").asText());
        JsonNode at7 = t.get(1);
        assertEquals("2026-03-02T10:07", at7.path("time").asText());
        assertEquals(1, at7.path("succeeded").asLong());
        assertEquals(1, at7.path("failed").asLong());
        assertEquals(0, at7.path("other").asLong());
        assertEquals(1, t.get(3).path("succeeded").asLong());
        assertEquals(
                0,
                t.get(0).path("succeeded").asLong() + t.get(2).path("succeeded").asLong());
        assertEquals(15, tc.read("/api/timeline").size(), "15 minutes by default");
    }

    @Test
    void aJobsTimelineCountsOnlyThatJob() {
        JsonNode t = tc.read("/api/timeline/" + failingJob + "?minutes=4");
        assertEquals(4, t.size());
        assertEquals(1, t.get(0).path("failed").asLong(), t::toString);
        assertEquals(0, t.get(2).path("succeeded").asLong(), t::toString);
        assertEquals(60, tc.read("/api/timeline/" + okJob).size(), "60 minutes by default");
    }

    @Test
    void theDetailOfAMinuteListsJobsAndStatuses() {
        JsonNode d = tc.read("/api/timeline-detail/2026-03-02T10:07");
        assertEquals(2, d.size(), d::toString);
        boolean sawFailure = false;
        for (JsonNode row : d) {
            assertEquals(1, row.path("count").asLong());
            if (row.path("job_name").asText().equals("overview-fails")) {
                assertEquals("failed", row.path("status").asText());
                sawFailure = true;
            }
        }
        assertTrue(sawFailure, d::toString);
        assertEquals(0, tc.read("/api/timeline-detail/2026-03-02T10:08").size());
    }

    @Test
    void chartsUseUpstreamsLabels() {
        JsonNode c = tc.read("/api/stats/charts");
        assertEquals(2, c.path("execution_outcomes").path("Succeeded").asLong(), c::toString);
        assertEquals(1, c.path("execution_outcomes").path("Failed").asLong());
        assertTrue(c.path("task_types").path("Shell Command").asLong() >= 2);
        assertTrue(c.path("schedule_types").path("On Demand").asLong() >= 2);
    }

    @Test
    void recentStatusesAreNewestFirstPerJob() {
        JsonNode all = tc.read("/api/executions/recent-statuses");
        JsonNode ok = all.path(okJob);
        assertEquals(2, ok.size(), all::toString);
        assertEquals("2026-03-02T10:09:30.000Z", ok.get(0).path("started_at").asText());
        assertEquals("succeeded", ok.get(0).path("status").asText());
        JsonNode one = tc.read("/api/executions/recent-statuses?job_ids=" + failingJob);
        assertEquals(1, one.size(), one::toString);
        assertEquals("failed", one.path(failingJob).get(0).path("status").asText());
    }

    @Test
    void badInputIsAProblemNotAServerError() {
        assertProblem(tc.get("/api/timeline?minutes=abc", Role.VIEWER), 400);
        assertProblem(tc.get("/api/timeline?minutes=0", Role.VIEWER), 400);
        assertProblem(tc.get("/api/timeline?minutes=1441", Role.VIEWER), 400);
        assertProblem(tc.get("/api/timeline/no-such-job", Role.VIEWER), 404);
        assertProblem(tc.get("/api/timeline-detail/2026-13-01T00:00", Role.VIEWER), 400);
        assertProblem(tc.get("/api/timeline-detail/yesterday", Role.VIEWER), 400);
        String tooMany = String.join(",", Collections.nCopies(501, "x"));
        assertProblem(tc.get("/api/executions/recent-statuses?job_ids=" + tooMany, Role.VIEWER), 400);
    }

    @Test
    void everyReaderMayAskAndAgentKeysMayNot() {
        for (String path : new String[] {
            "/api/timeline",
            "/api/timeline/" + okJob,
            "/api/timeline-detail/2026-03-02T10:07",
            "/api/stats/charts",
            "/api/executions/recent-statuses"
        }) {
            assertEquals(200, tc.get(path, Role.VIEWER).status(), path);
            assertProblem(tc.get(path, Role.AGENT), 403);
            assertProblem(tc.send("GET", path, null, null, null), 401);
        }
        assertFalse(tc.read("/api/stats/charts").path("execution_outcomes").isEmpty());
    }
}
