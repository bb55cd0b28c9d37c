package io.kronforce.controller.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a custom (pull) agent does, spoken over real HTTP to a test controller. */
public final class PullAgents {
    private PullAgents() {}

    /** Registers a custom agent with the bootstrap agent key; returns its id. */
    public static String register(TestController tc, String name, List<String> tags) {
        TestController.Response r = tc.post(
                "/api/agents/register",
                Role.AGENT,
                Map.of(
                        "name",
                        name,
                        "tags",
                        tags,
                        "hostname",
                        "test-host",
                        "address",
                        "0.0.0.0",
                        "port",
                        0,
                        "agent_type",
                        "custom"));
        assertEquals(200, r.status(), r::toString);
        int interval = r.json().path("heartbeat_interval_secs").asInt();
        assertTrue(interval >= 1 && interval <= 10, r::toString);
        return r.json().path("agent_id").asText();
    }

    /** A job whose custom task goes to the agent; returns the job id. */
    static String jobFor(TestController tc, String agentId) {
        Jobs job = Jobs.shell(Jobs.uniqueName("pulled"), "unused")
                .with(
                        "task",
                        TestController.JSON
                                .createObjectNode()
                                .put("type", "custom")
                                .put("agent_task_type", "python")
                                .set(
                                        "data",
                                        TestController.JSON.createObjectNode().put("x", 1)))
                .with(
                        "target",
                        TestController.JSON
                                .createObjectNode()
                                .put("type", "agent")
                                .put("agent_id", agentId));
        return Api.createJob(tc, job);
    }

    public static TestController.Response next(TestController tc, String agentId, int waitSecs) {
        return tc.get("/api/agent-queue/" + agentId + "/next?wait=" + waitSecs, Role.AGENT);
    }

    /** Posts a result for a claimed item to the callback URL it came with, as upstream's clients do. */
    static TestController.Response report(TestController tc, JsonNode item, String status, String stdout) {
        return reportBody(tc, item, result(item, status, stdout));
    }

    /** Posts any body to the item's callback URL. */
    static TestController.Response reportBody(TestController tc, JsonNode item, Object body) {
        URI callback = URI.create(item.path("callback_url").asText());
        return tc.send(
                "POST",
                callback.getRawPath() + "?" + callback.getRawQuery(),
                tc.key(Role.AGENT),
                TestController.JSON_TYPE,
                body);
    }

    static Map<String, Object> result(JsonNode item, String status, String stdout) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("execution_id", item.path("execution_id").asText());
        body.put("job_id", item.path("job_id").asText());
        body.put("agent_id", item.path("agent_id").asText());
        body.put("status", status);
        body.put("exit_code", "succeeded".equals(status) ? 0 : 1);
        body.put("stdout", stdout);
        body.put("stderr", "");
        body.put("stdout_truncated", false);
        body.put("stderr_truncated", false);
        body.put("started_at", "2026-01-01T00:00:00.123456Z");
        body.put("finished_at", "2026-01-01T00:00:01.5Z");
        return body;
    }
}
