package io.kronforce.controller.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The official MCP TypeScript SDK client ({@code @modelcontextprotocol/sdk}, pinned in
 * src/test/node/mcp-client/package.json), run with node against a real controller. CI installs it
 * ({@code .ci/run}); a checkout without it installs it here with {@code npm ci}. Skipped, visibly,
 * only where node itself is missing.
 */
class TypeScriptSdkClientTest extends SharedControllerTest {
    private static final Path CLIENT = Path.of(System.getProperty("user.dir"), "src/test/node/mcp-client");

    @Test
    void theTypescriptSdkNegotiatesCallsToolsReadsResourcesAndEndsItsSession() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "node and npm are not installed");
        if (!Files.isDirectory(CLIENT.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
            assertEquals(0, install.exit(), () -> "npm ci failed: " + install.stderr());
        }
        String name = Jobs.uniqueName("from-node");
        Result r = run(List.of("node", "client.mjs", tc.uri("/mcp").toString(), tc.key(Role.OPERATOR), name), 120);
        assertEquals(0, r.exit(), () -> "node client failed: " + r.stderr() + "\n" + r.stdout());
        List<String> lines = r.stdout().lines().toList();
        JsonNode seen = TestController.JSON.readTree(lines.getLast());

        assertEquals(McpServer.VERSIONS.getFirst(), seen.path("protocolVersion").asText(), seen::toString);
        List<String> tools = new ArrayList<>();
        seen.path("tools").forEach(t -> tools.add(t.asText()));
        assertTrue(
                tools.containsAll(List.of(
                        "list_jobs",
                        "get_job",
                        "create_job",
                        "trigger_job",
                        "list_executions",
                        "get_execution",
                        "list_agents",
                        "list_groups",
                        "list_events",
                        "get_system_stats")),
                tools::toString);
        assertEquals(
                "Job '" + name + "' created with ID " + seen.path("jobId").asText(),
                seen.path("createdText").asText());
        assertEquals("succeeded", seen.path("status").asText(), seen::toString);
        assertEquals("hello from node", seen.path("stdout").asText().strip());
        assertEquals("application/json", seen.path("resourceMime").asText());
        assertEquals(name, seen.path("resourceJobName").asText());
        assertTrue(seen.path("promptText").asText().contains("rotate logs hourly"));
        assertEquals(-32602, seen.path("unknownToolError").asInt(), seen::toString);
        String ended = seen.path("sessionId").asText();
        assertEquals(
                404,
                new RawMcp(tc)
                        .post(Role.OPERATOR, ended, RawMcp.request(1, "ping", "{}"))
                        .status(),
                "the SDK's terminateSession (DELETE) ended the session");
    }

    private record Result(int exit, String stdout, String stderr) {}

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path out = Files.createTempFile("mcp-node", ".out");
        Path err = Files.createTempFile("mcp-node", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(CLIENT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s: "
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
