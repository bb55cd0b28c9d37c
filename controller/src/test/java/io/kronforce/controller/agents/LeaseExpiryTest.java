package io.kronforce.controller.agents;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases that run out, heartbeats that renew them, and agents that fall silent. Short timeouts via settings. */
class LeaseExpiryTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(
                dir, Map.of("KRONFORCE_QUEUE_LEASE_SECS", "1", "KRONFORCE_HEARTBEAT_TIMEOUT_SECS", "2"));
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void anExpiredClaimIsRequeuedAndTheStaleHolderIsRefused() {
        String agent = PullAgents.register(tc, "flaky", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        JsonNode lost = PullAgents.next(tc, agent, 5).json();
        assertEquals(1, lost.path("attempt").asInt());

        // Nobody heartbeats for it: the lease runs out and the item comes back as attempt 2.
        JsonNode[] again = new JsonNode[1];
        await().atMost(WAIT).until(() -> {
            TestController.Response r = PullAgents.next(tc, agent, 1);
            again[0] = r.status() == 200 ? r.json() : null;
            return again[0] != null;
        });
        assertEquals(execution, again[0].path("execution_id").asText());
        assertEquals(2, again[0].path("attempt").asInt());
        assertNotEquals(
                lost.path("callback_url").asText(),
                again[0].path("callback_url").asText());

        JsonNode refused = assertProblem(PullAgents.report(tc, lost, "succeeded", "late"), 409);
        assertTrue(refused.path("error").asText().contains("stale lease"), refused::toString);
        assertEquals(
                "running",
                tc.read("/api/executions/" + execution).path("status").asText());

        assertEquals(
                200,
                PullAgents.report(tc, again[0], "succeeded", "second holder").status());
        JsonNode row = tc.read("/api/executions/" + execution);
        assertEquals("succeeded", row.path("status").asText());
        assertEquals("second holder", row.path("stdout").asText());
        assertEquals(
                200,
                PullAgents.report(tc, again[0], "succeeded", "second holder").status(),
                "the holder's own result again changes nothing");

        // The superseded holder is refused even when it posts the very result that was recorded.
        JsonNode same = assertProblem(PullAgents.report(tc, lost, "succeeded", "second holder"), 409);
        assertTrue(same.path("error").asText().contains("stale lease"), same::toString);
        assertEquals(row, tc.read("/api/executions/" + execution));
    }

    @Test
    void aShortLeaseAsksForHeartbeatsWellInsideIt() {
        TestController.Response r = tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of("name", "beat", "hostname", "h", "address", "0.0.0.0", "port", 0, "agent_type", "custom"));
        assertEquals(1, r.json().path("heartbeat_interval_secs").asInt());
    }

    @Test
    void anItemWhoseLeasesKeepRunningOutFailsWithTheReason() {
        String agent = PullAgents.register(tc, "crashy", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            PullAgents.next(tc, agent, 1);
            return Api.TERMINAL.contains(
                    tc.read("/api/executions/" + execution).path("status").asText());
        });
        JsonNode row = tc.read("/api/executions/" + execution);
        assertEquals("failed", row.path("status").asText());
        assertTrue(row.path("stderr").asText().contains("lease expired 3 times"), row::toString);
    }

    @Test
    void aSilentAgentGoesOfflineAndTheEventReachesEventTriggeredJobs() {
        ObjectNode schedule = TestController.JSON.createObjectNode().put("type", "event");
        schedule.putObject("value").put("kind_pattern", "agent.offline");
        String watcher =
                Api.createJob(tc, Jobs.shell("on-agent-offline", "echo noticed").with("schedule", schedule));
        String agent = PullAgents.register(tc, "quiet", List.of());

        await().atMost(WAIT)
                .until(() -> "offline"
                        .equals(tc.read("/api/agents/" + agent).path("status").asText()));
        await().atMost(WAIT)
                .until(() -> tc.read("/api/jobs/" + watcher + "/executions")
                                .path("data")
                                .size()
                        == 1);
        JsonNode run =
                tc.read("/api/jobs/" + watcher + "/executions").path("data").path(0);
        assertEquals("event", run.path("triggered_by").path("type").asText());

        // A poll is a sign of life: the agent is online again.
        PullAgents.next(tc, agent, 0);
        assertEquals("online", tc.read("/api/agents/" + agent).path("status").asText());
    }

    @Test
    void workForAnOfflineAgentFailsAtOnceWithTheReason() {
        String agent = PullAgents.register(tc, "gone", List.of());
        String job = PullAgents.jobFor(tc, agent);
        await().atMost(WAIT)
                .until(() -> "offline"
                        .equals(tc.read("/api/agents/" + agent).path("status").asText()));
        String execution = Api.trigger(tc, job);
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("failed", row.path("status").asText());
        assertTrue(row.path("stderr").asText().contains("is offline"), row::toString);
    }
}
