package io.kronforce.controller.agents;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The custom-agent protocol end to end over loopback HTTP (docs/reference/agent-protocol.md#pull-the-queue), against a
 * real SQLite file.
 */
class PullQueueTest extends ControllerPerTest {

    @Test
    void aQueuedRunIsClaimedOnceReportedThroughItsCallbackAndRecorded() {
        String agent = PullAgents.register(tc, "py-agent", List.of("python"));
        String job = PullAgents.jobFor(tc, agent);
        String execution = Api.trigger(tc, job);
        assertEquals(
                "pending",
                tc.read("/api/executions/" + execution).path("status").asText());

        TestController.Response claimed = PullAgents.next(tc, agent, 5);
        assertEquals(200, claimed.status(), claimed::toString);
        JsonNode item = claimed.json();
        assertEquals(execution, item.path("execution_id").asText());
        assertEquals(job, item.path("job_id").asText());
        assertEquals(agent, item.path("agent_id").asText());
        assertEquals("python", item.path("task").path("agent_task_type").asText());
        assertEquals(1, item.path("attempt").asInt());
        assertTrue(
                item.path("callback_url").asText().contains("/api/callbacks/execution-result?lease="), item::toString);
        assertEquals(204, PullAgents.next(tc, agent, 0).status(), "the one item is gone");
        assertEquals(
                "running",
                tc.read("/api/executions/" + execution).path("status").asText());

        assertEquals(200, PullAgents.report(tc, item, "succeeded", "done\n").status());
        JsonNode row = tc.read("/api/executions/" + execution);
        assertEquals("succeeded", row.path("status").asText());
        assertEquals("done\n", row.path("stdout").asText());
        assertEquals(agent, row.path("agent_id").asText());

        assertProblem(PullAgents.report(tc, item, "failed", "again"), 409);
        assertEquals(
                "succeeded",
                tc.read("/api/executions/" + execution).path("status").asText());
    }

    @Test
    void theClaimedTaskCarriesResolvedSecretsAndTheStoredOutputMasksThem() {
        assertEquals(
                201,
                tc.post(
                                "/api/variables",
                                Role.OPERATOR,
                                Map.of("name", "API_TOKEN", "value", "s3cr3t-value", "secret", true))
                        .status());
        String agent = PullAgents.register(tc, "secretive", List.of());
        var task = TestController.JSON.createObjectNode().put("type", "custom").put("agent_task_type", "python");
        task.putObject("data").put("token", "{{API_TOKEN}}");
        String job = Api.createJob(
                tc,
                io.kronforce.controller.testing.Jobs.shell("with-secret", "unused")
                        .with("task", task)
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "agent")
                                        .put("agent_id", agent)));
        String execution = Api.trigger(tc, job);
        JsonNode item = PullAgents.next(tc, agent, 5).json();
        assertEquals(
                "s3cr3t-value", item.path("task").path("data").path("token").asText());
        assertEquals(
                200,
                PullAgents.report(tc, item, "succeeded", "token was s3cr3t-value\n")
                        .status());
        JsonNode row = tc.read("/api/executions/" + execution);
        assertEquals(
                "{{API_TOKEN}}",
                row.path("task_snapshot").path("data").path("token").asText());
        assertTrue(!row.path("stdout").asText().contains("s3cr3t-value"), row::toString);
    }

    @Test
    void queueDepthPerPullAgentIsAMetric() {
        String agent = PullAgents.register(tc, "depth-agent", List.of());
        String job = PullAgents.jobFor(tc, agent);
        Api.trigger(tc, job);
        Api.trigger(tc, job);
        String metrics = tc.send("GET", "/metrics", null, null, null).body();
        assertTrue(metrics.contains("kronforce_agent_queue_depth{agent=\"depth-agent\"} 2\n"), metrics);
        assertTrue(metrics.contains("kronforce_agents_total 1\n"), metrics);
        assertEquals(200, PullAgents.next(tc, agent, 0).status());
        assertTrue(tc.send("GET", "/metrics", null, null, null)
                .body()
                .contains("kronforce_agent_queue_depth{agent=\"depth-agent\"} 1\n"));
    }

    @Test
    void aResultWithoutTheLeaseTokenIsRefusedAndChangesNothing() {
        String agent = PullAgents.register(tc, "py-agent", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        JsonNode item = PullAgents.next(tc, agent, 5).json();
        JsonNode problem = assertProblem(
                tc.post("/api/callbacks/execution-result", Role.AGENT, PullAgents.result(item, "succeeded", "x")), 409);
        assertTrue(problem.path("error").asText().contains("no lease token"), problem::toString);
        assertProblem(
                tc.post(
                        "/api/callbacks/execution-result?lease=0000",
                        Role.AGENT,
                        PullAgents.result(item, "succeeded", "x")),
                409);
        assertEquals(
                "running",
                tc.read("/api/executions/" + execution).path("status").asText());
    }

    @Test
    void aLongPollIsWokenByNewWorkBeforeItsWaitEnds() throws Exception {
        String agent = PullAgents.register(tc, "py-agent", List.of());
        String job = PullAgents.jobFor(tc, agent);
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            var poll = CompletableFuture.supplyAsync(() -> PullAgents.next(tc, agent, 60), pool);
            // The poll must be parked before the trigger for the wakeup to be what ends it.
            await().pollDelay(Duration.ofMillis(300))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> !poll.isDone());
            String execution = Api.trigger(tc, job);
            TestController.Response r = poll.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(200, r.status(), r::toString);
            assertEquals(execution, r.json().path("execution_id").asText());
        }
    }

    @Test
    void aBadResultOrRegistrationIsA4xxProblemAndStoresNothing() {
        String agent = PullAgents.register(tc, "py-agent", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        JsonNode item = PullAgents.next(tc, agent, 5).json();
        Map<String, Object> bad = PullAgents.result(item, "exploded", "x");
        assertProblem(PullAgents.reportBody(tc, item, bad), 422);
        Map<String, Object> missing = PullAgents.result(item, "succeeded", "x");
        missing.remove("finished_at");
        assertProblem(PullAgents.reportBody(tc, item, missing), 422);
        assertEquals(
                "running",
                tc.read("/api/executions/" + execution).path("status").asText());
        assertProblem(tc.post("/api/agents/register", Role.AGENT, Map.of("name", "", "agent_type", "custom")), 400);
        assertProblem(tc.post("/api/agents/register", Role.AGENT, Map.of("name", "x", "agent_type", "robot")), 400);
        assertProblem(
                tc.post(
                        "/api/agents/register",
                        Role.AGENT,
                        Map.of("name", "x", "port", "eighty", "agent_type", "custom")),
                422);
        assertEquals(1, tc.read("/api/agents").size());
        assertProblem(tc.post("/api/agents/register", Role.VIEWER, Map.of("name", "x", "agent_type", "custom")), 403);
    }

    @Test
    void registrationAnswersUpstreamsTenSecondHeartbeatUnderTheDefaultLease() {
        TestController.Response r = tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of("name", "beat", "hostname", "h", "address", "0.0.0.0", "port", 0, "agent_type", "custom"));
        assertEquals(10, r.json().path("heartbeat_interval_secs").asInt());
    }

    @Test
    void unknownAgentsAre404AndReRegistrationKeepsTheId() {
        assertProblem(PullAgents.next(tc, "no-such-agent", 0), 404);
        assertProblem(
                tc.post(
                        "/api/agents/no-such-agent/heartbeat",
                        Role.AGENT,
                        Map.of("agent_id", "no-such-agent", "running_executions", List.of())),
                404);
        String first = PullAgents.register(tc, "same-name", List.of("a"));
        String again = PullAgents.register(tc, "same-name", List.of("b"));
        assertEquals(first, again);
        JsonNode view = tc.read("/api/agents/" + first);
        assertEquals("b", view.path("tags").path(0).asText());
        assertEquals("custom", view.path("agent_type").asText());
        assertEquals("online", view.path("status").asText());
    }

    @Test
    void taskTypesRoundTripAndUnpairingForgetsTheAgentWithAnEvent() {
        String agent = PullAgents.register(tc, "typed", List.of());
        Map<String, Object> type = Map.of(
                "name",
                "python",
                "description",
                "run python",
                "fields",
                List.of(Map.of("name", "script", "label", "Script", "field_type", "textarea", "required", true)));
        assertEquals(
                200,
                tc.put("/api/agents/" + agent + "/task-types", Role.OPERATOR, Map.of("task_types", List.of(type)))
                        .status());
        assertProblem(
                tc.put(
                        "/api/agents/" + agent + "/task-types",
                        Role.OPERATOR,
                        Map.of(
                                "task_types",
                                List.of(Map.of(
                                        "name",
                                        "bad",
                                        "fields",
                                        List.of(Map.of("name", "f", "field_type", "checkbox")))))),
                400);
        JsonNode types =
                tc.get("/api/agents/" + agent + "/task-types", Role.AGENT).json();
        assertEquals(
                "textarea",
                types.path(0).path("fields").path(0).path("field_type").asText());

        assertEquals(204, tc.delete("/api/agents/" + agent, Role.OPERATOR).status());
        assertProblem(tc.get("/api/agents/" + agent, Role.VIEWER), 404);
        JsonNode events = tc.read("/api/events?per_page=100").path("data");
        boolean unpaired = false;
        for (JsonNode e : events) {
            unpaired |= "agent.unpaired".equals(e.path("kind").asText())
                    && agent.equals(e.path("agent_id").asText());
        }
        assertTrue(unpaired, events::toString);
    }

    @Test
    void cancellingQueuedWorkClosesItAndTheAgentNeverGetsIt() {
        String agent = PullAgents.register(tc, "py-agent", List.of());
        String execution = Api.trigger(tc, PullAgents.jobFor(tc, agent));
        assertTrue(tc.post("/api/executions/" + execution + "/cancel", Role.OPERATOR, null)
                        .status()
                < 300);
        assertEquals(
                "cancelled",
                tc.read("/api/executions/" + execution).path("status").asText());
        assertEquals(204, PullAgents.next(tc, agent, 0).status());
    }
}
