package io.kronforce.controller.mcp;

import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;

/** The official MCP Java SDK client, pointed at a test controller's {@code /mcp} with a role's key. */
final class SdkClients {
    private SdkClients() {}

    static McpSyncClient connect(TestController tc, Role role) {
        return connect(tc, tc.key(role));
    }

    /** A client with a raw key of its own (a key scoped to some groups, say). */
    static McpSyncClient connect(TestController tc, String key) {
        var transport = HttpClientStreamableHttpTransport.builder("http://127.0.0.1:" + tc.port())
                .endpoint("/mcp")
                .requestBuilder(HttpRequest.newBuilder().header("Authorization", "Bearer " + key))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(30))
                .clientInfo(new McpSchema.Implementation("kronforce-test", "1.0"))
                .build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> args) {
        return client.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    /** The text of a result's first content item. */
    static String text(McpSchema.CallToolResult r) {
        return ((McpSchema.TextContent) r.content().getFirst()).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }
}
