package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.RawMcp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code KRONFORCE_MCP_ENABLED} and {@code KRONFORCE_MCP_SESSION_IDLE_SECS} on a real controller. */
class McpSettingsTest {
    @TempDir
    Path dir;

    @Test
    void anIdleSessionExpiresAndThenAnswers404UntilTheClientInitializesAgain() {
        try (TestController tc = TestController.start(dir, Map.of("KRONFORCE_MCP_SESSION_IDLE_SECS", "1"))) {
            RawMcp mcp = new RawMcp(tc);
            String session = mcp.session(Role.VIEWER);
            assertEquals(
                    200,
                    mcp.post(Role.VIEWER, session, request(1, "ping", "{}")).status());
            // Every request touches the session, so polls must be spaced wider than the idle time.
            Awaitility.await("session expiry")
                    .atMost(Duration.ofSeconds(20))
                    .pollDelay(Duration.ofMillis(1500))
                    .pollInterval(Duration.ofMillis(1500))
                    .until(() -> mcp.post(Role.VIEWER, session, request(2, "ping", "{}"))
                                    .status()
                            == 404);
            String fresh = mcp.session(Role.VIEWER);
            assertEquals(
                    200, mcp.post(Role.VIEWER, fresh, request(3, "ping", "{}")).status());
        }
    }

    @Test
    void anOpenServerStreamDoesNotHoldUpStoppingTheController() throws Exception {
        TestController tc = TestController.start(dir);
        String session = new RawMcp(tc).session(Role.VIEWER);
        var request = java.net.http.HttpRequest.newBuilder(tc.uri("/mcp"))
                .GET()
                .header("Authorization", "Bearer " + tc.key(Role.VIEWER))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .build();
        var lines = tc.client()
                .send(request, java.net.http.HttpResponse.BodyHandlers.ofLines())
                .body()
                .iterator();
        assertTrue(lines.next().startsWith(":"));
        var stopped = java.util.concurrent.CompletableFuture.runAsync(tc::close);
        Awaitility.await("controller stopped").atMost(Duration.ofSeconds(30)).until(stopped::isDone);
        stopped.join();
    }

    @Test
    void mcpDisabledRemovesTheRoute() {
        try (TestController tc = TestController.start(dir, Map.of("KRONFORCE_MCP_ENABLED", "false"))) {
            assertTrue(tc.routes().stream().noneMatch(r -> r.path().equals("/mcp")));
            assertEquals(
                    404, new RawMcp(tc).initialize(Role.ADMIN, "2025-06-18").status());
        }
    }
}
