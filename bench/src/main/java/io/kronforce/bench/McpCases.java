package io.kronforce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.task.mcp.McpTask;
import io.kronforce.task.mcp.McpTaskHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The B7 row of the mcp handler: one {@code tools/call} of {@code echo} on a loopback MCP server.
 * A handler run is a whole session on a client of its own (initialize, the initialized
 * notification, the call, DELETE of the session), so each bare run is that same conversation over
 * a fresh JDK HttpClient, parsing the JSON answers with Jackson as the handler does.
 */
final class McpCases {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String INITIALIZE = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
            + "{\"protocolVersion\":\"" + LoopbackMcpServer.VERSION + "\",\"capabilities\":{},"
            + "\"clientInfo\":{\"name\":\"bare\",\"version\":\"0\"}}}";
    private static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";
    private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"echo\",\"arguments\":{\"say\":\"tick\"}}}";

    private McpCases() {}

    static HandlerCase toolCall() throws Exception {
        LoopbackMcpServer server = new LoopbackMcpServer();
        return HandlerCase.around(server, () -> {
            McpTask task = new McpTask(server.url(), "echo", JSON.readTree("{\"say\":\"tick\"}"), Map.of());
            return new HandlerCase(
                    HandlerCase.run(new McpTaskHandler(HandlerCase.LOOPBACK), task),
                    () -> bareSession(server.url()),
                    server::close);
        });
    }

    private static void bareSession(String url) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            HttpResponse<String> init = post(client, url, INITIALIZE, null);
            String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
            if (!JSON.readTree(init.body())
                    .path("result")
                    .path("protocolVersion")
                    .asText()
                    .equals(LoopbackMcpServer.VERSION)) {
                throw new IOException("unexpected initialize answer: " + init.body());
            }
            post(client, url, INITIALIZED, session);
            JsonNode answer = JSON.readTree(post(client, url, CALL, session).body());
            if (!answer.path("result")
                    .path("content")
                    .path(0)
                    .path("text")
                    .asText()
                    .equals("tick")) {
                throw new IOException("unexpected tools/call answer: " + answer);
            }
            client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .DELETE()
                            .header("Mcp-Session-Id", session)
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url, String body, String session)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", LoopbackMcpServer.VERSION);
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode());
        }
        return response;
    }
}
