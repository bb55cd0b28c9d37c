package io.kronforce.controller.agents;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale from zero with standard agents (decision 0040): a tagged run that waits in its pool is
 * pushed to the first standard agent of the pool that comes online, at its first heartbeat; a
 * {@code custom} run in the same pool stays for a pull worker.
 */
class PoolPushIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    TestController tc;
    ChildAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        tc.close();
    }

    private String taggedJob(Jobs job) {
        return Api.createJob(
                tc,
                job.with(
                        "target",
                        TestController.JSON
                                .createObjectNode()
                                .put("type", "tagged")
                                .put("tag", "edge")));
    }

    @Test
    void aRunWaitingInAPoolGoesToAStandardAgentOfThePoolWhenItComesOnline() throws Exception {
        // A 3 s lease makes agents heartbeat every second, so the test does not wait upstream's 10 s.
        tc = TestController.start(dir, Map.of("KRONFORCE_QUEUE_LEASE_SECS", "3"));
        String shell = taggedJob(Jobs.shell("edge-shell", "echo pushed-from-pool; echo pid=$PPID"));
        String custom = taggedJob(Jobs.shell("edge-custom", "unused")
                .with(
                        "task",
                        TestController.JSON
                                .createObjectNode()
                                .put("type", "custom")
                                .put("agent_task_type", "gpu_render")));
        String waiting = Api.trigger(tc, shell);
        String forPullOnly = Api.trigger(tc, custom);
        assertTrue(tc.read("/api/executions/" + waiting).path("stderr").asText().startsWith("queued in pool 'edge'"));

        agent = ChildAgent.start(dir, "http://127.0.0.1:" + tc.port(), tc.key(Role.AGENT), "edge-agent", "edge");
        JsonNode row = Api.awaitTerminal(tc, waiting, WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertTrue(row.path("stdout").asText().contains("pushed-from-pool"), row::toString);
        assertTrue(row.path("stdout").asText().contains("pid=" + agent.process().pid()), row::toString);
        assertEquals(
                tc.read("/api/agents").path(0).path("id").asText(),
                row.path("agent_id").asText());

        // Three heartbeats later the custom run still waits: a standard agent never takes custom work.
        Thread.sleep(3_000);
        JsonNode still = tc.read("/api/executions/" + forPullOnly);
        assertEquals("pending", still.path("status").asText(), still::toString);
        assertTrue(still.path("agent_id").isNull(), still::toString);
        assertEquals(
                1,
                tc.read("/api/agent-queue/depth?pool=edge")
                        .path("pools")
                        .path("edge")
                        .asLong());
    }
}
