package io.kronforce.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A small MCP server (Streamable HTTP, JSON answers) on a JDK HttpServer on 127.0.0.1, shaped like
 * the one task-handlers/mcp's tests run: {@code initialize} issues a session id, notifications get
 * 202, {@code DELETE} ends the session, and one tool, {@code echo}, answers its {@code say}
 * argument as text. The same server answers both sides of the mcp row.
 */
final class LoopbackMcpServer implements AutoCloseable {

    static final String VERSION = "2025-06-18";
    static final String SESSION = "b7-session";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    LoopbackMcpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/mcp", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (ex.getRequestMethod().equals("DELETE")) {
                ex.sendResponseHeaders(200, -1);
                return;
            }
            JsonNode msg = JSON.readTree(ex.getRequestBody());
            if (!msg.has("id")) {
                ex.sendResponseHeaders(202, -1);
                return;
            }
            ObjectNode answer = JSON.createObjectNode().put("jsonrpc", "2.0");
            answer.set("id", msg.get("id"));
            if (msg.path("method").asText().equals("initialize")) {
                answer.putObject("result")
                        .put("protocolVersion", VERSION)
                        .putObject("serverInfo")
                        .put("name", "b7");
                ex.getResponseHeaders().add("Mcp-Session-Id", SESSION);
            } else if (msg.path("params").path("name").asText().equals("echo")) {
                answer.putObject("result")
                        .putArray("content")
                        .addObject()
                        .put("type", "text")
                        .put(
                                "text",
                                msg.path("params").path("arguments").path("say").asText());
            } else {
                answer.putObject("error").put("code", -32602).put("message", "Unknown tool");
            }
            byte[] body = answer.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
