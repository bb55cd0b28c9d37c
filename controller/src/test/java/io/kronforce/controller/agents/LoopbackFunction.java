package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An HTTP function on loopback, as a Lambda function URL or Cloud Run service would be: it checks
 * the dispatch's signature by the documented recipe (computed here, not with the controller's
 * code), "runs" the task by echoing its command, and answers with the result — synchronously
 * (200) or by answering 202 and posting to the dispatch's callback URL afterwards.
 */
final class LoopbackFunction implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final String secret;
    private final boolean callsBack;
    private final String agentKey;
    final CopyOnWriteArrayList<JsonNode> dispatches = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<Integer> callbackStatuses = new CopyOnWriteArrayList<>();

    private LoopbackFunction(String secret, boolean callsBack, String agentKey) throws IOException {
        this.secret = secret;
        this.callsBack = callsBack;
        this.agentKey = agentKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/run", this::handle);
        server.start();
    }

    /** Answers each dispatch with its result in the response body. */
    static LoopbackFunction synchronous(String secret) throws IOException {
        return new LoopbackFunction(secret, false, null);
    }

    /** Answers 202, then posts the result to the callback URL with an agent key. */
    static LoopbackFunction callingBack(String secret, String agentKey) throws IOException {
        return new LoopbackFunction(secret, true, agentKey);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/run";
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String timestamp = ex.getRequestHeaders().getFirst("X-Kronforce-Timestamp");
        String signature = ex.getRequestHeaders().getFirst("X-Kronforce-Signature");
        if (timestamp == null
                || signature == null
                || !MessageDigest.isEqual(
                        ("v1=" + hmac(timestamp, body)).getBytes(StandardCharsets.UTF_8),
                        signature.getBytes(StandardCharsets.UTF_8))) {
            answer(ex, 401, "{\"error\":\"bad signature\"}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonNode dispatch = JSON.readTree(body);
        dispatches.add(dispatch);
        byte[] result = JSON.writeValueAsBytes(result(dispatch));
        if (!callsBack) {
            answer(ex, 200, result);
            return;
        }
        answer(ex, 202, "{\"accepted\":true}".getBytes(StandardCharsets.UTF_8));
        callBack(URI.create(dispatch.path("callback_url").asText()), result);
        callBack(URI.create(dispatch.path("callback_url").asText()), result); // a duplicate changes nothing
    }

    private void callBack(URI url, byte[] result) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest req = HttpRequest.newBuilder(url)
                    .header("Authorization", "Bearer " + agentKey)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(result))
                    .build();
            callbackStatuses.add(
                    client.send(req, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            callbackStatuses.add(-1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, Object> result(JsonNode dispatch) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("execution_id", dispatch.path("execution_id").asText());
        r.put("job_id", dispatch.path("job_id").asText());
        r.put("agent_id", "");
        r.put("status", "succeeded");
        r.put("exit_code", 0);
        r.put("stdout", "ran: " + dispatch.path("task").path("command").asText() + "\n");
        r.put("stderr", "");
        r.put("stdout_truncated", false);
        r.put("stderr_truncated", false);
        r.put("started_at", "2026-01-01T00:00:00Z");
        r.put("finished_at", "2026-01-01T00:00:01Z");
        return r;
    }

    private String hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
