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
        ObjectNode task = TestController.JSON
                .createObjectNode()
                .put("type", "mcp")
                .put("server_url", tc.uri("/mcp").toString())
                .put("tool", tool);
        task.putObject("headers").put("Authorization", "Bearer {{MCP_KEY}}");
        return task;
    }

    @Test
    void aJobCallsAToolOnAnMcpServerWithAMaskedKey() {
        String key = tc.key(Role.VIEWER);
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "MCP_KEY", "value", key, "secret", true))
                        .status());
        Api.createJob(tc, Jobs.shell("in-a-group", "true").group("mcp-called"));
        String job = Api.createJob(tc, Jobs.shell("ask-mcp", "true").with("task", mcpTask("list_groups")));

        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(30));
        assertTrue(run.path("stdout").asText().contains("mcp-called"), run::toString);
        assertEquals(
                "Bearer {{MCP_KEY}}",
                run.path("task_snapshot").path("headers").path("Authorization").asText());
        assertFalse(run.toString().contains(key), "the key never shows");

        String refused =
                Api.createJob(tc, Jobs.shell("ask-mcp-to-write", "true").with("task", mcpTask("create_job")));
        JsonNode denied = Api.awaitStatus(tc, Api.trigger(tc, refused), "failed", Duration.ofSeconds(30));
        assertEquals(1, denied.path("exit_code").asInt(), denied::toString);
        assertTrue(denied.path("stderr").asText().contains("Insufficient permissions"), denied::toString);
    }

    @Test
    void toolDiscoveryListsAServersToolsForOperatorsAndSaysWhyWhenItCannot() throws Exception {
        com.sun.net.httpserver.HttpServer stub =
                com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/mcp", ex -> {
            JsonNode msg = TestController.JSON.readTree(ex.getRequestBody());
            if (!msg.has("id")) {
                ex.sendResponseHeaders(202, -1);
                ex.close();
                return;
            }
            String result = msg.path("method").asText().equals("initialize")
                    ? "{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{}}"
                    : "{\"tools\":[{\"name\":\"summarise\",\"inputSchema\":{\"type\":\"object\"}}]}";
            byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + msg.path("id") + ",\"result\":" + result + "}").getBytes();
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        stub.start();
        try {
            String url = "http://127.0.0.1:" + stub.getAddress().getPort() + "/mcp";
            TestController.Response ok = tc.get("/api/mcp/tools?server_url=" + url, Role.OPERATOR);
            assertEquals(200, ok.status(), ok::toString);
            assertEquals(
                    "summarise", ok.json().path("tools").path(0).path("name").asText());
            assertEquals(
                    403,
                    tc.get("/api/mcp/tools?server_url=" + url, Role.VIEWER).status(),
                    "upstream lets any reader make the controller call out; we do not");
        } finally {
            stub.stop(0);
        }
        JsonNode bad = io.kronforce.controller.testing.Api.assertProblem(
                tc.get("/api/mcp/tools?server_url=ftp://x", Role.OPERATOR), 400);
        assertTrue(bad.path("error").asText().contains("server_url"), bad::toString);
        JsonNode secured = io.kronforce.controller.testing.Api.assertProblem(
                tc.get("/api/mcp/tools?server_url=" + tc.uri("/mcp?token=s3cr3t"), Role.OPERATOR), 400);
        assertTrue(secured.path("error").asText().contains("401"), secured::toString);
        assertFalse(secured.toString().contains("s3cr3t"), "only the host is named");
    }
}
