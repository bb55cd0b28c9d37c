package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.ToolLister;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/**
 * {@code tools/list} on an MCP server (docs/reference/mcp.md#the-mcp-task discovery): {@code initialize}, the
 * initialized notification, then {@code tools/list}, in a session of its own, through the egress
 * policy. Thread-safe.
 */
public final class McpToolLister implements ToolLister {
    private final EgressPolicy egress;

    public McpToolLister(HandlerSettings settings) {
        this.egress = settings.egress();
    }

    @Override
    public String listTools(URI serverUrl, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(timeout)
                        .build();
                McpSession session = new McpSession(client, serverUrl, headers, egress, timeout)) {
            session.initialize();
            JsonNode tools = session.request(2, "tools/list", McpSession.JSON.createObjectNode())
                    .path("tools");
            if (!tools.isArray()) {
                throw new IOException("the server's tools/list answer has no tools array");
            }
            return tools.toString();
        } catch (McpSession.RpcError e) {
            throw new IOException("the server refused: " + e.getMessage(), e);
        }
    }

    /** ServiceLoader entry. */
    public static final class Provider implements ToolLister.Provider {
        @Override
        public ToolLister create(HandlerSettings settings) {
            return new McpToolLister(settings);
        }
    }
}
