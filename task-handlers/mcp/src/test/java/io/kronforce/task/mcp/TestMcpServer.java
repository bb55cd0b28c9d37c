package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/**
 * A small MCP server on a JDK HttpServer, enough to exercise the client: it negotiates a set
 * protocol version, issues a session id, answers as JSON or as SSE (with a notification before
 * the answer), and knows four tools — {@code echo}, {@code fails} (isError), {@code broken}
 * (JSON-RPC error) and {@code hangs} (answers only when released). It records what arrived.
 */
final class TestMcpServer implements AutoCloseable {
    static final String SESSION = "session-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    record Seen(String httpMethod, String rpcMethod, String sessionId, String protocolVersion, String authorization) {}

    private final HttpServer server;
    private final String version;
    private final boolean sse;
    final List<Seen> seen = new CopyOnWriteArrayList<>();
    final CountDownLatch release = new CountDownLatch(1);

    TestMcpServer(String version, boolean sse) throws IOException {
        this.version = version;
        this.sse = sse;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String session = ex.getRequestHeaders().getFirst("Mcp-Session-Id");
            if (ex.getRequestMethod().equals("DELETE")) {
                seen.add(new Seen(
                        "DELETE", null, session, null, ex.getRequestHeaders().getFirst("Authorization")));
                ex.sendResponseHeaders(200, -1);
                return;
            }
            JsonNode msg = JSON.readTree(ex.getRequestBody());
            String method = msg.path("method").asText();
            seen.add(new Seen(
                    "POST",
                    method,
                    session,
                    ex.getRequestHeaders().getFirst("MCP-Protocol-Version"),
                    ex.getRequestHeaders().getFirst("Authorization")));
            if (!msg.has("id")) {
                ex.sendResponseHeaders(202, -1);
                return;
            }
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", msg.get("id"));
            if (method.equals("initialize")) {
                answer.putObject("result")
                        .put("protocolVersion", version)
                        .putObject("serverInfo")
                        .put("name", "t");
                ex.getResponseHeaders().add("Mcp-Session-Id", SESSION);
            } else {
                tool(msg.path("params"), answer);
            }
            reply(ex, answer);
        }
    }

    private void tool(JsonNode params, ObjectNode answer) {
        switch (params.path("name").asText()) {
            case "echo" -> {
                ObjectNode result = answer.putObject("result");
                result.putArray("content")
                        .addObject()
                        .put("type", "text")
                        .put("text", params.path("arguments").path("say").asText("(nothing)"));
                result.withArray("content")
                        .addObject()
                        .put("type", "image")
                        .put("mimeType", "image/png")
                        .put("data", "iVBORw0KGgo=");
                result.withArray("content")
                        .addObject()
                        .put("type", "resource_link")
                        .put("uri", "file:///r.txt");
            }
            case "fails" -> {
                ObjectNode result = answer.putObject("result").put("isError", true);
                result.putArray("content").addObject().put("type", "text").put("text", "quota exceeded");
            }
            case "hangs" -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer.putObject("result").putArray("content");
            }
            default ->
                answer.putObject("error")
                        .put("code", -32602)
                        .put("message", "Unknown tool: " + params.path("name").asText());
        }
    }

    private void reply(HttpExchange ex, ObjectNode answer) throws IOException {
        byte[] body;
        if (sse) {
            ex.getResponseHeaders().add("Content-Type", "text/event-stream");
            String note = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}";
            body = ("event: message\ndata: " + note + "\n\nevent: message\ndata: " + answer + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            body = answer.toString().getBytes(StandardCharsets.UTF_8);
        }
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
