package io.kronforce.controller.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code mcp} task type calling a real MCP server — our own {@code /mcp} — with its key in a secret variable. */
class McpTaskTest extends ControllerPerTest {

    private ObjectNode mcpTask(String tool) {
        ObjectNode task = TestController.JSON.createObjectNode().put("type", "mcp")
                .put("server_url", tc.uri("/mcp").toString()).put("tool", tool);
        task.putObject("headers").put("Authorization", "Bearer {{MCP_KEY}}");
        return task;
    }

    @Test
    void a_job_calls_a_tool_on_an_mcp_server_with_a_masked_key() {
        String key = tc.key(Role.VIEWER);
        assertEquals(201, tc.post("/api/variables", Role.OPERATOR,
                Map.of("name", "MCP_KEY", "value", key, "secret", true)).status());
        Api.createJob(tc, Jobs.shell("in-a-group", "true").group("mcp-called"));
        String job = Api.createJob(tc, Jobs.shell("ask-mcp", "true").with("task", mcpTask("list_groups")));

        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(30));
        assertTrue(run.path("stdout").asText().contains("mcp-called"), run::toString);
        assertEquals("Bearer {{MCP_KEY}}", run.path("task_snapshot").path("headers").path("Authorization").asText());
        assertFalse(run.toString().contains(key), "the key never shows");

        String refused = Api.createJob(tc, Jobs.shell("ask-mcp-to-write", "true").with("task", mcpTask("create_job")));
        JsonNode denied = Api.awaitStatus(tc, Api.trigger(tc, refused), "failed", Duration.ofSeconds(30));
        assertEquals(1, denied.path("exit_code").asInt(), denied::toString);
        assertTrue(denied.path("stderr").asText().contains("Insufficient permissions"), denied::toString);
    }
}
