package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.SdkClients.call;
import static io.kronforce.controller.mcp.SdkClients.structured;
import static io.kronforce.controller.mcp.SdkClients.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The official MCP Java SDK client against a real controller: handshake, tools by role, a job's whole life. */
class McpSdkClientTest extends SharedControllerTest {
    private static final Set<String> UPSTREAM_TOOLS = Set.of(
            "list_jobs",
            "get_job",
            "create_job",
            "trigger_job",
            "list_executions",
            "get_execution",
            "list_agents",
            "list_groups",
            "list_events",
            "get_system_stats");
    private static final Set<String> WRITE_TOOLS =
            Set.of("create_job", "trigger_job", "update_job", "pause_job", "resume_job", "cancel_execution");

    @Test
    void initializeNegotiatesAVersionTheSdkSpeaksAndAnnouncesToolsResourcesAndPrompts() {
        try (McpSyncClient client = SdkClients.connect(tc, Role.VIEWER)) {
            McpSchema.InitializeResult init = client.getCurrentInitializationResult();
            assertTrue(McpServer.VERSIONS.contains(init.protocolVersion()), init.protocolVersion());
            assertEquals("kronforce", init.serverInfo().name());
            assertTrue(
                    init.capabilities().tools() != null
                            && init.capabilities().resources() != null
                            && init.capabilities().prompts() != null,
                    init.capabilities().toString());
            client.ping(); // throws on a JSON-RPC error; the exact {} result is checked in McpTransportTest
        }
    }

    @Test
    void aViewerListsOnlyReadOnlyToolsAndAnOperatorListsAllOfThem() {
        try (McpSyncClient viewer = SdkClients.connect(tc, Role.VIEWER);
                McpSyncClient operator = SdkClients.connect(tc, Role.OPERATOR)) {
            List<McpSchema.Tool> seen = viewer.listTools().tools();
            assertTrue(seen.stream().allMatch(t -> t.annotations().readOnlyHint()), seen::toString);
            Set<String> viewerNames = names(seen);
            assertTrue(viewerNames.stream().noneMatch(WRITE_TOOLS::contains), viewerNames::toString);
            Set<String> all = names(operator.listTools().tools());
            assertTrue(all.containsAll(UPSTREAM_TOOLS), all::toString);
            assertTrue(all.containsAll(WRITE_TOOLS), all::toString);
            assertTrue(
                    all.containsAll(
                            Set.of("get_execution_output", "preview_schedule", "validate_job", "explain_failure")),
                    all::toString);
            McpSchema.Tool cancel = operator.listTools().tools().stream()
                    .filter(t -> t.name().equals("cancel_execution"))
                    .findFirst()
                    .orElseThrow();
            assertTrue(cancel.annotations().destructiveHint());
        }
    }

    @Test
    void upstreamToolInputSchemasAreKept() {
        try (McpSyncClient client = SdkClients.connect(tc, Role.ADMIN)) {
            McpSchema.Tool create = client.listTools().tools().stream()
                    .filter(t -> t.name().equals("create_job"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    List.of("name", "task", "schedule"), create.inputSchema().get("required"));
            assertEquals(
                    Set.of("name", "task", "schedule", "group", "description", "timeout_secs"),
                    properties(create).keySet());
            McpSchema.Tool listJobs = client.listTools().tools().stream()
                    .filter(t -> t.name().equals("list_jobs"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(
                    Set.of("group", "status", "search", "limit"),
                    properties(listJobs).keySet());
            assertEquals(20, ((Map<?, ?>) properties(listJobs).get("limit")).get("default"));
        }
    }

    @Test
    void anOperatorCreatesTriggersAndReadsTheOutputOfAJob() {
        String name = Jobs.uniqueName("mcp-hello");
        try (McpSyncClient client = SdkClients.connect(tc, Role.OPERATOR)) {
            McpSchema.CallToolResult created = call(
                    client,
                    "create_job",
                    Map.of(
                            "name",
                            name,
                            "task",
                            Map.of("type", "shell", "command", "echo hello from mcp"),
                            "schedule",
                            Map.of("type", "on_demand")));
            assertFalse(created.isError(), () -> text(created));
            String jobId = (String) structured(created).get("id");
            assertEquals("Job '" + name + "' created with ID " + jobId, text(created));

            McpSchema.CallToolResult triggered = call(client, "trigger_job", Map.of("name", name));
            assertFalse(triggered.isError(), () -> text(triggered));
            String executionId = (String) structured(triggered).get("execution_id");

            AtomicReference<Map<String, Object>> output = new AtomicReference<>();
            Awaitility.await("execution " + executionId)
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> {
                        output.set(structured(call(client, "get_execution_output", Map.of("id", executionId))));
                        return "succeeded".equals(output.get().get("status"));
                    });
            assertEquals("hello from mcp", output.get().get("stdout").toString().strip());
            JsonNode rest = tc.read("/api/executions/" + executionId);
            assertEquals("mcp", rest.path("triggered_by").path("via").asText());
        }
    }

    @Test
    void changesThroughMcpAreAuditedAsComingThroughMcp() {
        String name = Jobs.uniqueName("mcp-audited");
        try (McpSyncClient client = SdkClients.connect(tc, Role.OPERATOR)) {
            assertFalse(call(
                            client,
                            "create_job",
                            Map.of(
                                    "name",
                                    name,
                                    "task",
                                    Map.of("type", "shell", "command", "true"),
                                    "schedule",
                                    Map.of("type", "on_demand")))
                    .isError());
        }
        JsonNode audit =
                tc.read("/api/audit-log?operation=job.created&per_page=100").path("data");
        JsonNode row = audit.findParents("details").stream()
                .filter(a -> a.path("details").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no audit row for " + name + ": " + audit));
        assertEquals("operator (via MCP)", row.path("actor_key_name").asText());
    }

    @Test
    void anInvalidJobIsRefusedWithTheRestValidationMessageAsAToolError() {
        try (McpSyncClient client = SdkClients.connect(tc, Role.OPERATOR)) {
            McpSchema.CallToolResult r = call(
                    client,
                    "create_job",
                    Map.of(
                            "name",
                            Jobs.uniqueName("bad-cron"),
                            "task",
                            Map.of("type", "shell", "command", "true"),
                            "schedule",
                            Map.of("type", "cron", "value", "not a cron")));
            assertTrue(r.isError());
            assertTrue(text(r).toLowerCase().contains("cron"), () -> text(r));
            McpSchema.CallToolResult v = call(
                    client,
                    "validate_job",
                    Map.of(
                            "name",
                            Jobs.uniqueName("fine"),
                            "task",
                            Map.of("type", "shell", "command", "true"),
                            "schedule",
                            Map.of("type", "on_demand")));
            assertFalse(v.isError(), () -> text(v));
            assertEquals(true, structured(v).get("valid"));
        }
    }

    @Test
    void aViewerCallingAWriteToolGetsAToolErrorAndNothingChanges() {
        String name = Jobs.uniqueName("viewer-made");
        try (McpSyncClient client = SdkClients.connect(tc, Role.VIEWER)) {
            McpSchema.CallToolResult r = call(
                    client,
                    "create_job",
                    Map.of(
                            "name",
                            name,
                            "task",
                            Map.of("type", "shell", "command", "true"),
                            "schedule",
                            Map.of("type", "on_demand")));
            assertTrue(r.isError());
            assertTrue(text(r).startsWith("Insufficient permissions for this tool"), () -> text(r));
        }
        assertEquals(0, tc.read("/api/jobs?search=" + name).path("total").asInt());
    }

    @Test
    void resourcesAndPromptsAreServed() {
        String name = Jobs.uniqueName("mcp-resource");
        String jobId = io.kronforce.controller.testing.Api.createJob(tc, Jobs.shell(name, "true"));
        try (McpSyncClient client = SdkClients.connect(tc, Role.VIEWER)) {
            assertTrue(client.listResources().resources().stream()
                    .anyMatch(r -> r.uri().equals("kronforce://jobs/" + jobId)));
            assertEquals(3, client.listResourceTemplates().resourceTemplates().size());
            var read = client.readResource(new McpSchema.ReadResourceRequest("kronforce://jobs/" + jobId));
            String body = ((McpSchema.TextResourceContents) read.contents().getFirst()).text();
            assertTrue(body.contains("\"name\" : \"" + name + "\""), body);
            Set<String> prompts = client.listPrompts().prompts().stream()
                    .map(McpSchema.Prompt::name)
                    .collect(Collectors.toSet());
            assertEquals(Set.of("diagnose_failing_job", "create_job"), prompts);
            var prompt = client.getPrompt(
                    new McpSchema.GetPromptRequest("create_job", Map.of("request", "back up the database nightly")));
            String text = ((McpSchema.TextContent) prompt.messages().getFirst().content()).text();
            assertTrue(text.contains("back up the database nightly") && text.contains("validate_job"), text);
        }
    }

    private static Map<?, ?> properties(McpSchema.Tool tool) {
        return (Map<?, ?>) tool.inputSchema().get("properties");
    }

    private static Set<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).collect(Collectors.toSet());
    }
}
