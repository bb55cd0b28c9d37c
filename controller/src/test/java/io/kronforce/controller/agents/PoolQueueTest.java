package io.kronforce.controller.agents;

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

/** Pools and scale from zero: work for a tag nobody serves yet waits in its pool. */
class PoolQueueTest extends ControllerPerTest {

    private String shellJob(String target, String tag) {
        var t = TestController.JSON.createObjectNode().put("type", target);
        if (tag != null) {
            t.put("tag", tag);
        }
        return Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("pooled"), "echo hi").with("target", t));
    }

    /** A pull worker with these tags that offers these task types; returns its id. */
    private String worker(String name, List<String> tags, String... types) {
        List<Map<String, Object>> offered = java.util.Arrays.stream(types)
                .map(t -> Map.<String, Object>of("name", t, "fields", List.of()))
                .toList();
        TestController.Response r = tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of(
                        "name",
                        name,
                        "tags",
                        tags,
                        "hostname",
                        "h",
                        "address",
                        "0.0.0.0",
                        "port",
                        0,
                        "agent_type",
                        "custom",
                        "task_types",
                        offered));
        assertEquals(200, r.status(), r::toString);
        return r.json().path("agent_id").asText();
    }

    private String metrics() {
        return tc.send("GET", "/metrics", null, null, null).body();
    }

    private JsonNode depth(String query) {
        TestController.Response r = tc.get("/api/agent-queue/depth" + query, Role.VIEWER);
        assertEquals(200, r.status(), r::toString);
        return r.json().path("pools");
    }

    @Test
    void aTaggedRunWithNoWorkerWaitsInItsPoolUntilAWorkerOfItClaimsIt() {
        String execution = Api.trigger(tc, shellJob("tagged", "gpu"));
        JsonNode waiting = tc.read("/api/executions/" + execution);
        assertEquals("pending", waiting.path("status").asText(), waiting::toString);
        assertTrue(waiting.path("stderr").asText().startsWith("queued in pool 'gpu'"), waiting::toString);
        assertTrue(waiting.path("agent_id").isNull(), waiting::toString);
        assertTrue(metrics().contains("kronforce_queue_depth{pool=\"gpu\"} 1\n"), this::metrics);
        assertEquals(1, depth("").path("gpu").asLong());
        assertEquals(0, depth("").path("any").asLong());
        assertEquals(Map.of("gpu", 1, "cpu", 0), TestController.JSON.convertValue(depth("?pool=gpu,cpu"), Map.class));

        String agent = worker("gpu-worker", List.of("gpu"), "shell");
        TestController.Response claimed = PullAgents.next(tc, agent, 5);
        assertEquals(200, claimed.status(), claimed::toString);
        JsonNode item = claimed.json();
        assertEquals(execution, item.path("execution_id").asText());
        assertEquals(agent, item.path("agent_id").asText());
        assertEquals("echo hi", item.path("task").path("command").asText(), item::toString);
        JsonNode running = tc.read("/api/executions/" + execution);
        assertEquals("running", running.path("status").asText());
        assertEquals(agent, running.path("agent_id").asText());
        assertEquals("", running.path("stderr").asText());
        assertEquals(0, depth("").path("gpu").asLong());
        assertTrue(metrics().contains("kronforce_queue_depth{pool=\"gpu\"} 0\n"), this::metrics);

        assertEquals(200, PullAgents.report(tc, item, "succeeded", "hi\n").status());
        assertEquals(
                "succeeded",
                tc.read("/api/executions/" + execution).path("status").asText());
    }

    @Test
    void onlyAWorkerWithTheTagAndTheTaskTypeTakesPoolWork() {
        String execution = Api.trigger(tc, shellJob("tagged", "gpu"));
        String wrongTag = worker("cpu-worker", List.of("cpu"), "shell");
        String wrongType = worker("gpu-http-worker", List.of("gpu"), "http");
        assertEquals(204, PullAgents.next(tc, wrongTag, 0).status());
        assertEquals(204, PullAgents.next(tc, wrongType, 0).status());
        assertEquals(
                "pending",
                tc.read("/api/executions/" + execution).path("status").asText());
        assertEquals(1, depth("?pool=gpu").path("gpu").asLong());
        assertEquals(0, depth("").path("cpu").asLong(), "a served pool is listed even when empty");
    }

    @Test
    void anAnyRunWaitsInTheAnyPoolForAnyWorkerThatTakesItsType() {
        String execution = Api.trigger(tc, shellJob("any", null));
        assertEquals(
                "pending",
                tc.read("/api/executions/" + execution).path("status").asText());
        assertEquals(1, depth("").path("any").asLong());
        String agent = worker("plain-worker", List.of(), "shell");
        JsonNode item = PullAgents.next(tc, agent, 5).json();
        assertEquals(execution, item.path("execution_id").asText());
        assertEquals(0, depth("").path("any").asLong());
    }

    @Test
    void aRunForAPoolWithAnOnlineWorkerIsHandedToThatWorker() {
        String first = worker("gpu-worker", List.of("gpu"), "shell");
        String execution = Api.trigger(tc, shellJob("tagged", "gpu"));
        assertEquals(
                first, tc.read("/api/executions/" + execution).path("agent_id").asText());
        assertEquals(1, depth("").path("gpu").asLong(), "assigned work still counts in its pool");
        String late = worker("late-gpu-worker", List.of("gpu"), "shell");
        assertEquals(204, PullAgents.next(tc, late, 0).status(), "work assigned to one worker is not another's");
        assertEquals(200, PullAgents.next(tc, first, 0).status());
    }

    @Test
    void poolWorkNobodyClaimsInTimeFailsWithTheReason() throws Exception {
        tc.close();
        tc = TestController.start(
                java.nio.file.Files.createDirectories(dir.resolve("short")),
                Map.of("KRONFORCE_QUEUE_CLAIM_TIMEOUT_SECS", "1"));
        String execution = Api.trigger(tc, shellJob("tagged", "gpu"));
        JsonNode row = Api.awaitTerminal(tc, execution, java.time.Duration.ofSeconds(20));
        assertEquals("failed", row.path("status").asText());
        assertEquals(
                "queued in pool 'gpu' but no pull worker of it claimed it within 1s (timeout)",
                row.path("stderr").asText());
        assertEquals(0, depth("?pool=gpu").path("gpu").asLong());
    }

    @Test
    void targetAllAndAgentStillFailAtOnceWhenNobodyCanTakeThem() {
        String all = Api.trigger(tc, shellJob("all", null));
        JsonNode row = Api.awaitTerminal(tc, all, java.time.Duration.ofSeconds(10));
        assertEquals("failed", row.path("status").asText());
        assertTrue(row.path("stderr").asText().contains("no online agent"), row::toString);
        assertEquals(0, depth("").path("any").asLong());
    }
}
