package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.SdkClients.call;
import static io.kronforce.controller.mcp.SdkClients.structured;
import static io.kronforce.controller.mcp.SdkClients.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tools beyond the handshake: gates, secrets, failure evidence, pausing, previews and cancelling, via the SDK. */
class McpToolsTest extends SharedControllerTest {
    private static final String MASK = "\u2022".repeat(8);
    private McpSyncClient client;

    @BeforeEach
    void connect() {
        client = SdkClients.connect(tc, Role.OPERATOR);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void aTriggerThroughMcpWaitsForApprovalLikeARestTrigger() {
        String jobId = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("gated"), "true").with("approval_required", BooleanNode.TRUE));
        McpSchema.CallToolResult r = call(client, "trigger_job", Map.of("id", jobId));
        assertFalse(r.isError(), () -> text(r));
        assertEquals("pending_approval", structured(r).get("status"));
        assertTrue(text(r).contains("awaiting approval"), () -> text(r));
        String executionId = (String) structured(r).get("execution_id");
        assertEquals(
                "pending_approval",
                tc.read("/api/executions/" + executionId).path("status").asText());
    }

    @Test
    void secretValuesStayMaskedInToolOutput() {
        String secret = "s3cr3t-" + Jobs.uniqueName("v");
        String variable = Jobs.uniqueName("MCP_SECRET").replace('-', '_');
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", variable, "value", secret, "secret", true))
                        .status());
        String jobId = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("leaky"), "echo token={{" + variable + "}}"));
        String executionId = (String)
                structured(call(client, "trigger_job", Map.of("id", jobId))).get("execution_id");
        Api.awaitStatus(tc, executionId, "succeeded", Duration.ofSeconds(20));
        for (String tool : List.of("get_execution_output", "get_execution")) {
            String out = text(call(client, tool, Map.of("id", executionId)));
            assertFalse(out.contains(secret), () -> tool + " leaks the secret: " + out);
            assertTrue(out.contains("token=" + MASK), () -> tool + ": " + out);
        }
        assertFalse(text(call(client, "get_job", Map.of("id", jobId))).contains(secret));
        assertFalse(text(call(client, "list_executions", Map.of("limit", 100))).contains(secret));
    }

    @Test
    void aConnectionsNestedHeaderValueStaysMaskedInToolOutput() throws Exception {
        String secret = "hdr-" + Jobs.uniqueName("k");
        String connection = Jobs.uniqueName("mcp-api");
        try (RecordingPeer echo = RecordingPeer.start()) {
            echo.on("/v1/echo", RecordingPeer.Reply.of(200, "key=" + secret));
            assertEquals(
                    201,
                    tc.post(
                                    "/api/connections",
                                    Role.OPERATOR,
                                    Map.of(
                                            "name",
                                            connection,
                                            "conn_type",
                                            "http",
                                            "config",
                                            Map.of(
                                                    "base_url",
                                                    echo.url("/v1"),
                                                    "headers",
                                                    Map.of("X-Api-Key", secret))))
                            .status());
            ObjectNode task = TestController.JSON
                    .createObjectNode()
                    .put("type", "http")
                    .put("method", "GET")
                    .put("url", "/echo")
                    .put("connection", connection);
            String jobId = Api.createJob(
                    tc, Jobs.http(Jobs.uniqueName("mcp-conn"), "GET", "/echo").with("task", task));
            String executionId = (String)
                    structured(call(client, "trigger_job", Map.of("id", jobId))).get("execution_id");
            Api.awaitStatus(tc, executionId, "succeeded", Duration.ofSeconds(20));
            assertEquals(secret, echo.single().header("X-Api-Key"), "the task gets the clear value");
            for (String tool : List.of("get_execution_output", "get_execution")) {
                String out = text(call(client, tool, Map.of("id", executionId)));
                assertFalse(out.contains(secret), () -> tool + " leaks the header: " + out);
                assertTrue(out.contains("key=" + MASK), () -> tool + ": " + out);
            }
        }
    }

    @Test
    void explainFailureShowsTheFailingOutputTheLastSuccessAndTheChangeBetween() {
        String name = Jobs.uniqueName("regressed");
        String jobId = Api.createJob(tc, Jobs.shell(name, "echo fine"));
        String good = (String)
                structured(call(client, "trigger_job", Map.of("name", name))).get("execution_id");
        Api.awaitStatus(tc, good, "succeeded", Duration.ofSeconds(20));
        McpSchema.CallToolResult updated = call(
                client,
                "update_job",
                Map.of(
                        "id",
                        jobId,
                        "changes",
                        Map.of("task", Map.of("type", "shell", "command", "echo disk full >&2; exit 3"))));
        assertFalse(updated.isError(), () -> text(updated));
        String bad = (String)
                structured(call(client, "trigger_job", Map.of("name", name))).get("execution_id");
        Api.awaitStatus(tc, bad, "failed", Duration.ofSeconds(20));

        Map<String, Object> why = structured(call(client, "explain_failure", Map.of("name", name)));
        Map<?, ?> execution = (Map<?, ?>) why.get("execution");
        assertEquals(bad, execution.get("id"));
        assertEquals(3, execution.get("exit_code"));
        assertTrue(execution.get("stderr_tail").toString().contains("disk full"), execution::toString);
        assertEquals(good, ((Map<?, ?>) why.get("last_success")).get("id"));
        List<?> changes = (List<?>) why.get("changes_since_last_success");
        assertEquals(1, changes.size(), changes::toString);
        Map<?, ?> change = (Map<?, ?>) changes.getFirst();
        assertEquals("operator (via MCP)", change.get("changed_by"));
        assertTrue(((List<?>) change.get("fields")).contains("task"), change::toString);

        var prompt = client.getPrompt(new McpSchema.GetPromptRequest("diagnose_failing_job", Map.of("job", name)));
        String text = ((McpSchema.TextContent) prompt.messages().getFirst().content()).text();
        assertTrue(text.contains(bad) && text.contains("disk full") && text.contains(good), text);
    }

    @Test
    void pauseAndResumeChangeWhatPreviewScheduleShows() {
        String name = Jobs.uniqueName("hourly");
        Api.createJob(tc, Jobs.shell(name, "true").cron("0 0 * * * *"));
        Map<String, Object> live = structured(call(client, "preview_schedule", Map.of("name", name, "count", 3)));
        assertEquals(3, ((List<?>) live.get("upcoming")).size(), live::toString);
        assertEquals(
                "paused",
                structured(call(client, "pause_job", Map.of("name", name))).get("status"));
        Map<String, Object> paused = structured(call(client, "preview_schedule", Map.of("name", name, "count", 3)));
        assertEquals(List.of(), paused.get("upcoming"));
        assertEquals(
                "scheduled",
                structured(call(client, "resume_job", Map.of("name", name))).get("status"));
        McpSchema.CallToolResult tooMany = call(client, "preview_schedule", Map.of("name", name, "count", 1000));
        assertTrue(tooMany.isError());
    }

    @Test
    void cancelExecutionStopsARunningJob() {
        String jobId = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("sleepy"), "sleep 60"));
        String executionId = (String)
                structured(call(client, "trigger_job", Map.of("id", jobId))).get("execution_id");
        Api.awaitStatus(tc, executionId, "running", Duration.ofSeconds(20));
        McpSchema.CallToolResult r = call(client, "cancel_execution", Map.of("id", executionId));
        assertFalse(r.isError(), () -> text(r));
        Api.awaitStatus(tc, executionId, "cancelled", Duration.ofSeconds(20));
    }

    @Test
    void overviewToolsReportWhatRestReports() {
        String group = Jobs.uniqueName("mcp-group");
        String name = Jobs.uniqueName("grouped");
        String jobId = Api.createJob(tc, Jobs.shell(name, "true").group(group));
        List<?> jobs = (List<?>)
                structured(call(client, "list_jobs", Map.of("group", group))).get("jobs");
        assertEquals(1, jobs.size());
        assertEquals(jobId, ((Map<?, ?>) jobs.getFirst()).get("id"));
        assertEquals(Map.of("type", "on_demand"), ((Map<?, ?>) jobs.getFirst()).get("schedule"));
        assertTrue(((List<?>) structured(call(client, "list_groups", Map.of())).get("groups")).contains(group));
        Map<String, Object> stats = structured(call(client, "get_system_stats", Map.of()));
        assertEquals(tc.read("/api/jobs").path("total").asLong(), ((Number) stats.get("total_jobs")).longValue());
        assertTrue(((List<?>) structured(call(client, "list_events", Map.of("limit", 50)))
                        .get("events"))
                .stream()
                        .anyMatch(e -> ((Map<?, ?>) e).get("message").toString().contains(name)));
        String agentName = Jobs.uniqueName("mcp-agent");
        assertEquals(
                200,
                tc.post(
                                "/api/agents/register",
                                io.kronforce.controller.domain.Role.AGENT,
                                Map.of(
                                        "name",
                                        agentName,
                                        "hostname",
                                        "h",
                                        "address",
                                        "127.0.0.1",
                                        "port",
                                        0,
                                        "agent_type",
                                        "custom"))
                        .status());
        List<?> agents =
                (List<?>) structured(call(client, "list_agents", Map.of())).get("agents");
        assertTrue(agents.stream().anyMatch(x -> agentName.equals(((Map<?, ?>) x).get("name"))), agents::toString);
        Map<String, Object> after = structured(call(client, "get_system_stats", Map.of()));
        assertEquals(tc.read("/api/agents").size(), ((Number) after.get("total_agents")).intValue());
        assertTrue(((Number) after.get("online_agents")).intValue() >= 1, after::toString);
        assertTrue(
                call(client, "get_job", Map.of("name", name.substring(0, name.length() - 1)))
                        .isError(),
                "a name matches exactly, not as a LIKE search");
    }
}
