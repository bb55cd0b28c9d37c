package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One client session with an MCP server over Streamable HTTP: {@code initialize} (offering a
 * current protocol revision; a server that only speaks 2024-11-05 answers with that and is
 * accepted), {@code notifications/initialized}, then requests. The {@code Mcp-Session-Id} the
 * server issues is echoed, and after negotiation the {@code MCP-Protocol-Version} header is sent.
 * An answer may be JSON or an SSE stream; the message with the request's id is taken from either.
 * Every request passes the egress policy first. Not thread-safe: one run, one session.
 */
final class McpSession implements AutoCloseable {
    static final String OFFERED_VERSION = "2025-06-18";
    static final Set<String> SUPPORTED = Set.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    /** The module's one mapper (default settings), shared by the session, the handler and the lister. */
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final URI url;
    private final Map<String, String> headers;
    private final EgressPolicy egress;
    private final Duration timeout;
    private String sessionId;
    private String version;

    McpSession(HttpClient client, URI url, Map<String, String> headers, EgressPolicy egress, Duration timeout) {
        this.client = client;
        this.url = url;
        this.headers = headers;
        this.egress = egress;
        this.timeout = timeout;
    }

    /** A JSON-RPC error the server answered with. */
    static final class RpcError extends Exception {
        private static final long serialVersionUID = 1L;

        RpcError(String message) {
            super(message);
        }
    }

    /** The handshake; returns the negotiated protocol version. */
    String initialize() throws IOException, InterruptedException, EgressDeniedException, RpcError {
        ObjectNode params = JSON.createObjectNode().put("protocolVersion", OFFERED_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "kronforce").put("version", "0.1.0");
        JsonNode result = request(1, "initialize", params);
        String offered = result.path("protocolVersion").asText("");
        if (!SUPPORTED.contains(offered)) {
            throw new IOException("server speaks MCP protocol version '" + offered + "', which this client does not");
        }
        version = offered;
        notifyServer("notifications/initialized");
        return version;
    }

    /** One request; returns its {@code result}. */
    JsonNode request(int id, String method, JsonNode params)
            throws IOException, InterruptedException, EgressDeniedException, RpcError {
        ObjectNode message =
                JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        message.set("params", params);
        HttpResponse<InputStream> response = send(message);
        try (InputStream body = response.body()) {
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP " + response.statusCode() + " for " + method);
            }
            response.headers().firstValue("Mcp-Session-Id").ifPresent(s -> sessionId = s);
            JsonNode answer = answerFor(
                            id, response.headers().firstValue("Content-Type").orElse(""), body)
                    .orElseThrow(() -> new IOException("no answer to " + method + " in the server's response"));
            if (answer.has("error")) {
                throw new RpcError(answer.path("error")
                        .path("message")
                        .asText(answer.path("error").toString()));
            }
            return answer.path("result");
        }
    }

    private void notifyServer(String method) throws IOException, InterruptedException, EgressDeniedException {
        HttpResponse<InputStream> response =
                send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", method));
        response.body().close();
        if (response.statusCode() / 100 != 2) {
            throw new IOException("HTTP " + response.statusCode() + " for " + method);
        }
    }

    private HttpResponse<InputStream> send(JsonNode message)
            throws IOException, InterruptedException, EgressDeniedException {
        egress.check(url);
        HttpRequest.Builder b = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString(), StandardCharsets.UTF_8));
        headers.forEach(b::header);
        if (sessionId != null) {
            b.header("Mcp-Session-Id", sessionId);
        }
        if (version != null) {
            b.header("MCP-Protocol-Version", version);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** The message with {@code id} in a JSON body (an object or a batch) or an SSE stream. */
    static Optional<JsonNode> answerFor(int id, String contentType, InputStream body) throws IOException {
        if (contentType.toLowerCase(java.util.Locale.ROOT).startsWith("text/event-stream")) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading()).append('\n');
                } else if (line.isEmpty() && !data.isEmpty()) {
                    Optional<JsonNode> found = matching(id, JSON.readTree(data.toString()));
                    if (found.isPresent()) {
                        return found; // stop reading: the server may keep the stream open
                    }
                    data.setLength(0);
                }
            }
            return data.isEmpty() ? Optional.empty() : matching(id, JSON.readTree(data.toString()));
        }
        return matching(id, JSON.readTree(body));
    }

    private static Optional<JsonNode> matching(int id, JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isArray()) {
            for (JsonNode n : node) {
                if (n.path("id").asInt(-1) == id) {
                    return Optional.of(n);
                }
            }
            return Optional.empty();
        }
        return node.path("id").asInt(-1) == id ? Optional.of(node) : Optional.empty();
    }

    /** Ends the session on the server (best effort): {@code DELETE} with the session id. */
    @Override
    public void close() {
        if (sessionId == null) {
            return;
        }
        try {
            egress.check(url);
            HttpRequest.Builder b = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(5))
                    .DELETE()
                    .header("Mcp-Session-Id", sessionId);
            headers.forEach(b::header);
            client.send(b.build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) { // the egress refusal is one too
            // The server forgets idle sessions by itself; nothing to report for the run.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
