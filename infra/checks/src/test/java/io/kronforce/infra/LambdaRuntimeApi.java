package io.kronforce.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What AWS puts in front of a Java function, on loopback: a function URL ({@code POST /fn}) that
 * turns each HTTP request into a function-URL event (payload format 2.0) and answers with what the
 * function returned, and the Lambda Runtime API ({@code /2018-06-01/runtime/...}) from which the
 * runtime interface client takes those events and to which it posts the results.
 */
final class LambdaRuntimeApi implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String API = "/2018-06-01/runtime";

    private record Invocation(String id, byte[] event, CompletableFuture<JsonNode> result) {}

    private final HttpServer server;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    final List<String> initErrors = new CopyOnWriteArrayList<>();
    final List<JsonNode> events = new CopyOnWriteArrayList<>();

    LambdaRuntimeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/fn", this::functionUrl);
        server.createContext(API + "/invocation/next", this::next);
        server.createContext(API + "/invocation/", this::result);
        server.createContext(API + "/init/error", ex -> {
            initErrors.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            send(ex, 202, "{}");
        });
        server.start();
    }

    /** host:port, the value of AWS_LAMBDA_RUNTIME_API. */
    String runtimeApi() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String functionUrl() {
        return "http://" + runtimeApi() + "/fn";
    }

    private void functionUrl(HttpExchange ex) throws IOException {
        ObjectNode headers = JSON.createObjectNode();
        ex.getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        ObjectNode event = JSON.createObjectNode()
                .put("version", "2.0")
                .put("routeKey", "$default")
                .put("rawPath", "/fn")
                .put("rawQueryString", "")
                .put("body", new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .put("isBase64Encoded", false);
        event.set("headers", headers);
        event.putObject("requestContext")
                .putObject("http")
                .put("method", ex.getRequestMethod())
                .put("path", "/fn");
        events.add(event);
        Invocation inv =
                new Invocation(UUID.randomUUID().toString(), JSON.writeValueAsBytes(event), new CompletableFuture<>());
        pending.add(inv);
        try {
            JsonNode answer = inv.result().get(120, TimeUnit.SECONDS);
            if (answer.has("errorMessage")) {
                send(ex, 502, answer.toString());
            } else {
                answer.path("headers")
                        .fields()
                        .forEachRemaining(h -> ex.getResponseHeaders()
                                .set(h.getKey(), h.getValue().asText()));
                send(
                        ex,
                        answer.path("statusCode").asInt(200),
                        answer.path("body").asText(""));
            }
        } catch (Exception e) {
            send(ex, 504, "{\"error\":\"the function did not answer: " + e + "\"}");
        }
    }

    /** Invokes the function directly (as a schedule does) and waits for its result. */
    JsonNode invoke(String eventJson) throws Exception {
        Invocation inv = new Invocation(
                UUID.randomUUID().toString(), eventJson.getBytes(StandardCharsets.UTF_8), new CompletableFuture<>());
        pending.add(inv);
        return inv.result().get(120, TimeUnit.SECONDS);
    }

    private void next(HttpExchange ex) throws IOException {
        try {
            Invocation inv = pending.take();
            inFlight.put(inv.id(), inv);
            ex.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", inv.id());
            ex.getResponseHeaders()
                    .set("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 300_000));
            ex.getResponseHeaders()
                    .set(
                            "Lambda-Runtime-Invoked-Function-Arn",
                            "arn:aws:lambda:us-east-1:000000000000:function:kronforce-function-worker");
            ex.getResponseHeaders().set("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000");
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, inv.event().length);
            ex.getResponseBody().write(inv.event());
            ex.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ex.close();
        }
    }

    /** {@code POST /invocation/{id}/response} or {@code /invocation/{id}/error}. */
    private void result(HttpExchange ex) throws IOException {
        String[] parts = ex.getRequestURI()
                .getPath()
                .substring((API + "/invocation/").length())
                .split("/");
        Invocation inv = inFlight.remove(parts[0]);
        byte[] body = ex.getRequestBody().readAllBytes();
        if (inv == null || parts.length != 2) {
            send(ex, 404, "{}");
            return;
        }
        JsonNode answer = body.length == 0 ? JSON.createObjectNode() : JSON.readTree(body);
        if (parts[1].equals("error") && !answer.has("errorMessage")) {
            answer = JSON.createObjectNode().put("errorMessage", answer.toString());
        }
        inv.result().complete(answer);
        send(ex, 202, "{}");
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
