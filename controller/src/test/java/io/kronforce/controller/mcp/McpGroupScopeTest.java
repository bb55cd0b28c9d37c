package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.SdkClients.call;
import static io.kronforce.controller.mcp.SdkClients.structured;
import static io.kronforce.controller.mcp.SdkClients.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.BooleanNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every MCP tool, resource and prompt with a key scoped to one group, through the real {@code /mcp} and the SDK. */
class McpGroupScopeTest extends SharedControllerTest {

    @Test
    void aScopedKeyReachesNoOtherGroupsJobsRunsOrEventsThroughMcp() {
        String mine = Jobs.uniqueName("mcp-b");
        String theirName = Jobs.uniqueName("mcp-theirs");
        String theirJob =
                Api.createJob(tc, Jobs.shell(theirName, "echo their-output").group("mcp-a"));
        String theirRun = Api.trigger(tc, theirJob);
        Api.awaitStatus(tc, theirRun, "succeeded", Duration.ofSeconds(20));
        String gated = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("mcp-gated"), "true")
                        .group("mcp-a")
                        .with("approval_required", BooleanNode.TRUE));
        String waiting = Api.trigger(tc, gated);
        String ownJob = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("mcp-ours"), "true").group(mine));
        String key = tc.createKey(Jobs.uniqueName("mcp-scoped"), Role.ADMIN, List.of(mine));

        try (McpSyncClient client = SdkClients.connect(tc, key)) {
            for (var c : List.of(
                    Map.of("tool", "get_job", "id", theirJob),
                    Map.of("tool", "get_job", "name", theirName),
                    Map.of("tool", "trigger_job", "id", theirJob),
                    Map.of("tool", "pause_job", "id", theirJob),
                    Map.of("tool", "preview_schedule", "id", theirJob),
                    Map.of("tool", "explain_failure", "id", theirJob),
                    Map.of("tool", "explain_failure", "execution_id", theirRun),
                    Map.of("tool", "get_execution", "id", theirRun),
                    Map.of("tool", "get_execution_output", "id", theirRun),
                    Map.of("tool", "cancel_execution", "id", waiting))) {
                Map<String, Object> args = new java.util.HashMap<>(c);
                String tool = (String) args.remove("tool");
                McpSchema.CallToolResult r = call(client, tool, args);
                assertTrue(r.isError(), () -> tool + " " + args + ": " + text(r));
                assertTrue(text(r).contains("not found") || text(r).contains("no job is named"), () -> text(r));
            }
            McpSchema.CallToolResult update =
                    call(client, "update_job", Map.of("id", theirJob, "changes", Map.of("description", "x")));
            assertTrue(update.isError(), () -> text(update));
            McpSchema.CallToolResult create = call(
                    client,
                    "create_job",
                    Map.of(
                            "name",
                            Jobs.uniqueName("mcp-intruder"),
                            "group",
                            "mcp-a",
                            "task",
                            Map.of("type", "shell", "command", "true"),
                            "schedule",
                            Map.of("type", "on_demand")));
            assertTrue(create.isError(), () -> text(create));
            assertTrue(text(create).contains("may not use group 'mcp-a'"), () -> text(create));

            for (String list : List.of("list_jobs", "list_executions", "list_events", "list_groups")) {
                String out = text(call(client, list, Map.of("limit", 100)));
                assertFalse(out.contains(theirJob) || out.contains(theirName), () -> list + ": " + out);
                assertFalse(out.contains(theirRun) || out.contains("mcp-a"), () -> list + ": " + out);
            }
            assertTrue(text(call(client, "list_jobs", Map.of())).contains(ownJob));
            McpSchema.CallToolResult stats = call(client, "get_system_stats", Map.of());
            assertTrue(stats.isError(), () -> text(stats));
            assertFalse(
                    client.listTools().tools().stream().anyMatch(t -> t.name().equals("get_system_stats")));

            assertFalse(client.listResources().resources().stream()
                    .anyMatch(r -> r.uri().endsWith(theirJob)));
            for (String uri : List.of(
                    "kronforce://jobs/" + theirJob,
                    "kronforce://executions/" + theirRun,
                    "kronforce://executions/" + theirRun + "/output")) {
                assertThrows(
                        RuntimeException.class, () -> client.readResource(new McpSchema.ReadResourceRequest(uri)), uri);
            }
            for (String uri : List.of("kronforce://jobs", "kronforce://executions")) {
                String all = ((McpSchema.TextResourceContents)
                                client.readResource(new McpSchema.ReadResourceRequest(uri))
                                        .contents()
                                        .getFirst())
                        .text();
                assertFalse(all.contains(theirJob), () -> uri + ": " + all);
            }
            assertThrows(
                    RuntimeException.class,
                    () -> client.getPrompt(
                            new McpSchema.GetPromptRequest("diagnose_failing_job", Map.of("job", theirJob))));

            // Its own group works as before.
            var own = call(client, "trigger_job", Map.of("id", ownJob));
            assertFalse(own.isError(), () -> text(own));
            assertEquals(ownJob, structured(own).get("job_id"));
        }
        assertEquals(
                1,
                tc.read("/api/jobs/" + theirJob + "/executions").path("total").asInt());
        assertEquals(
                "scheduled", tc.read("/api/jobs/" + theirJob).path("status").asText());
        assertEquals(
                "pending_approval",
                tc.read("/api/executions/" + waiting).path("status").asText());
    }
}
