package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pool run pushed to a standard agent that goes offline is pushed to another agent of the pool at
 * once — not after its lease or the claim timeout — exactly once, and the first agent's late result
 * is refused. The controller runs on a stepped clock and the test drives the sweep, so heartbeat
 * silence is simulated without waiting for it.
 */
class OfflinePushAgentTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Past the heartbeat timeout (30 s by default). */
    private static final Duration SILENCE = Duration.ofSeconds(31);

    @TempDir
    Path dir;

    final MutableInstantSource clock = MutableInstantSource.at("2026-03-02T10:00:00Z");
    TestController tc;
    UpstreamPushAgent first;
    UpstreamPushAgent second;

    @BeforeEach
    void start() throws Exception {
        tc = TestController.start(dir, Map.of(), clock);
        String url = "http://127.0.0.1:" + tc.port();
        first = UpstreamPushAgent.start(url, tc.key(Role.AGENT), "gpu-1", List.of("gpu"), Duration.ofMillis(10));
        second = UpstreamPushAgent.start(url, tc.key(Role.AGENT), "gpu-2", List.of("gpu"), Duration.ofMillis(10));
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        tc.close();
    }

    private static long dispatchesOf(UpstreamPushAgent agent, String executionId) {
        return agent.dispatches.stream()
                .filter(d -> d.path("execution_id").asText().equals(executionId))
                .count();
    }

    private static ObjectNode succeeded(String executionId, String jobId, String agentId, String stdout) {
        String now = Instant.now().toString();
        return TestController.JSON
                .createObjectNode()
                .put("execution_id", executionId)
                .put("job_id", jobId)
                .put("agent_id", agentId)
                .put("status", "succeeded")
                .put("exit_code", 0)
                .put("stdout", stdout)
                .put("stderr", "")
                .put("stdout_truncated", false)
                .put("stderr_truncated", false)
                .put("started_at", now)
                .put("finished_at", now);
    }

    private void silentPastTheTimeout(UpstreamPushAgent silent, UpstreamPushAgent alive) {
        silent.silence();
        clock.advance(SILENCE);
        if (alive != null) {
            alive.beatNow();
        }
        tc.parts().workers().sweep().runOnce();
    }

    @Test
    void aPoolRunOfAPushAgentThatGoesOfflineGoesToAnotherAgentOfThePoolOnceAndTheOldResultIsRefused() {
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("gpu-hold"), "hold")
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "tagged")
                                        .put("tag", "gpu")));
        String execution = Api.trigger(tc, job);
        await().atMost(WAIT).until(() -> dispatchesOf(first, execution) + dispatchesOf(second, execution) == 1);
        UpstreamPushAgent holder = dispatchesOf(first, execution) == 1 ? first : second;
        UpstreamPushAgent other = holder == first ? second : first;
        String lostCallback = holder.callbackUrl(execution);

        silentPastTheTimeout(holder, other);

        await().atMost(WAIT).until(() -> dispatchesOf(other, execution) == 1);
        JsonNode row = tc.read("/api/executions/" + execution);
        assertEquals("running", row.path("status").asText(), row::toString);
        assertEquals(other.agentId(), row.path("agent_id").asText(), row::toString);
        assertTrue(!lostCallback.equals(other.callbackUrl(execution)), "a fresh fencing token");

        // The first holder's result, however late, does not count.
        UpstreamPushAgent.Delivery late =
                holder.post(lostCallback, succeeded(execution, job, holder.agentId(), "from the lost agent"));
        assertEquals(409, late.status(), late::toString);
        assertEquals(
                "running",
                tc.read("/api/executions/" + execution).path("status").asText());

        // Once only: the second holder going silent too leaves the run with it (its lease decides).
        silentPastTheTimeout(other, null);
        assertEquals(1, dispatchesOf(holder, execution));
        assertEquals(1, dispatchesOf(other, execution));
        assertEquals(
                other.agentId(),
                tc.read("/api/executions/" + execution).path("agent_id").asText());

        UpstreamPushAgent.Delivery kept = other.post(
                other.callbackUrl(execution), succeeded(execution, job, other.agentId(), "from the new agent"));
        assertEquals(200, kept.status(), kept::toString);
        JsonNode done = tc.read("/api/executions/" + execution);
        assertEquals("succeeded", done.path("status").asText(), done::toString);
        assertEquals("from the new agent", done.path("stdout").asText());
    }
}
