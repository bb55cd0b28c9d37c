package io.kronforce.task.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mcp task against a real (small) MCP server on loopback, JSON and SSE, old and current protocol. */
class McpTaskHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final McpTaskHandler handler = new McpTaskHandler(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    private static McpTask task(String url, String tool, String argumentsJson, Map<String, String> headers)
            throws Exception {
        return new McpTask(url, tool, argumentsJson == null ? null : JSON.readTree(argumentsJson), headers);
    }

    @Test
    void aToolCallOverJsonPrintsItsContentAndKeepsToTheSession() throws Exception {
        try (TestMcpServer server = new TestMcpServer("2025-06-18", false)) {
            TestTaskContext ctx = TestTaskContext.plain();
            TaskOutcome out = handler.run(
                    task(server.url(), "echo", "{\"say\":\"hello\"}", Map.of("Authorization", "Bearer t0k")), ctx);
            assertInstanceOf(TaskOutcome.Succeeded.class, out, out::toString);
            assertEquals(0, out.exitCode());
            assertEquals(
                    "hello\n[image: image/png]\n[resource: file:///r.txt]\n",
                    ctx.output().stdoutText());

            List<TestMcpServer.Seen> seen = server.seen;
            assertEquals(
                    List.of("initialize", "notifications/initialized", "tools/call"),
                    seen.stream()
                            .filter(s -> s.httpMethod().equals("POST"))
                            .map(TestMcpServer.Seen::rpcMethod)
                            .toList());
            assertEquals(null, seen.get(0).sessionId(), "no session before the server issues one");
            assertEquals(TestMcpServer.SESSION, seen.get(2).sessionId());
            assertEquals("2025-06-18", seen.get(2).protocolVersion());
            assertEquals(
                    List.of(),
                    seen.stream()
                            .filter(s -> !"Bearer t0k".equals(s.authorization()))
                            .toList(),
                    "every request, the closing DELETE too, carries the configured header");
            assertEquals("DELETE", seen.get(seen.size() - 1).httpMethod(), "the session is ended");
        }
    }

    @Test
    void anSseAnswerAfterANotificationAndA20241105ServerWork() throws Exception {
        try (TestMcpServer server = new TestMcpServer("2024-11-05", true)) {
            TestTaskContext ctx = TestTaskContext.plain();
            TaskOutcome out = handler.run(task(server.url(), "echo", "{\"say\":\"from sse\"}", null), ctx);
            assertInstanceOf(TaskOutcome.Succeeded.class, out, out::toString);
            assertTrue(
                    ctx.output().stdoutText().startsWith("from sse\n"),
                    ctx.output().stdoutText());
            assertEquals("2024-11-05", server.seen.get(2).protocolVersion());
        }
    }

    @Test
    void toolErrorsRpcErrorsAndUnknownVersionsFailAsUpstreamSays() throws Exception {
        try (TestMcpServer server = new TestMcpServer("2025-03-26", false)) {
            TaskOutcome failed = handler.run(task(server.url(), "fails", null, null), TestTaskContext.plain());
            assertEquals(new TaskOutcome.Failed(1, "quota exceeded", false), failed);
            TaskOutcome rpc = handler.run(task(server.url(), "nope", null, null), TestTaskContext.plain());
            assertEquals(new TaskOutcome.Failed(1, "tool error: Unknown tool: nope", false), rpc);
        }
        try (TestMcpServer server = new TestMcpServer("1999-01-01", false)) {
            TaskOutcome out = handler.run(task(server.url(), "echo", null, null), TestTaskContext.plain());
            TaskOutcome.Failed f = assertInstanceOf(TaskOutcome.Failed.class, out);
            assertEquals(-1, f.exitCode());
            assertTrue(f.reason().contains("1999-01-01"), f.reason());
        }
    }

    @Test
    void aRefusedConnectionIsARetryableHandshakeFailureAndPrivateAddressesNeedAllowing() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        TaskOutcome.Failed refused = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(
                        task("http://127.0.0.1:" + closed + "/mcp?key=secret-q", "echo", null, null),
                        TestTaskContext.plain()));
        assertEquals(-1, refused.exitCode());
        assertTrue(refused.retryable());
        assertFalse(refused.reason().contains("secret-q"), "the query may carry a key: " + refused.reason());

        McpTaskHandler strict = new McpTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        try (TestMcpServer server = new TestMcpServer("2025-06-18", false)) {
            TaskOutcome.Failed denied = assertInstanceOf(
                    TaskOutcome.Failed.class,
                    strict.run(task(server.url(), "echo", null, null), TestTaskContext.plain()));
            assertTrue(denied.reason().contains("non-public"), denied.reason());
            assertTrue(server.seen.isEmpty(), "nothing was sent");
        }
    }

    @Test
    void aCancelInterruptsACallInFlightAndAPastDeadlineStartsNothing() throws Exception {
        try (TestMcpServer server = new TestMcpServer("2025-06-18", false)) {
            BackgroundRun run = BackgroundRun.start(
                    () -> handler.run(task(server.url(), "hangs", null, null), TestTaskContext.plain()));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> server.seen.stream().anyMatch(s -> "tools/call".equals(s.rpcMethod())));
            run.interrupt();
            assertTrue(run.finishes(Duration.ofSeconds(10)), "the run stops when interrupted");
            assertInstanceOf(InterruptedException.class, run.result());

            Object late = BackgroundRun.start(() -> handler.run(
                                    task(server.url(), "echo", null, null),
                                    TestTaskContext.withDeadline(Instant.now().minusSeconds(1))))
                            .finishes(Duration.ofSeconds(10))
                    ? "done"
                    : "hung";
            assertEquals("done", late);
        }
    }

    @Test
    void checkPointsAtEachBadField() throws Exception {
        List<String> pointers = handler
                .check(task("ftp://x/mcp", " ", "[1]", Map.of("Mcp-Session-Id", "x", "X-Ok", "fine", "X-Bad", "a\nb")))
                .stream()
                .map(ConfigViolation::pointer)
                .sorted()
                .toList();
        assertEquals(
                List.of("/arguments", "/headers/Mcp-Session-Id", "/headers/X-Bad", "/server_url", "/tool"), pointers);
        assertEquals(List.of(), handler.check(task("https://tools.example/mcp", "t", "{}", null)));
    }

    @Test
    void theReadmeExampleBindsAndPassesCheckAndTheHandlerIsRegistered() {
        List<McpTask> examples = ReadmeExample.tasks("mcp", McpTask.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
        assertEquals("mcp", LoadedHandler.of("mcp").type());
    }
}
