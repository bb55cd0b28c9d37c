package io.kronforce.controller.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** {@code /mcp} spoken by hand over real HTTP, for the transport rules an SDK client never breaks. */
final class RawMcp {
    static final String ACCEPT_BOTH = "application/json, text/event-stream";

    private final TestController tc;

    /** An answer: status, body and headers. */
    record Reply(int status, String body, HttpHeaders headers) {
        JsonNode json() {
            try {
                return TestController.JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String session() {
            return headers.firstValue("Mcp-Session-Id").orElseThrow(() -> new AssertionError("no session id: " + this));
        }

        /** The JSON-RPC error code of the body. */
        int errorCode() {
            return json().path("error").path("code").asInt();
        }
    }

    RawMcp(TestController tc) {
        this.tc = tc;
    }

    Reply send(String method, String key, Map<String, String> headers, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(tc.uri("/mcp"))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r =
                    tc.client().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a JSON-RPC message with the usual headers, in {@code session} when not null. */
    Reply post(Role role, String session, String body) {
        Map<String, String> headers =
                new java.util.HashMap<>(Map.of("Accept", ACCEPT_BOTH, "Content-Type", "application/json"));
        if (session != null) {
            headers.put("Mcp-Session-Id", session);
        }
        return send("POST", tc.key(role), headers, body);
    }

    Reply initialize(Role role, String version) {
        return post(
                role,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
                        + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}");
    }

    /** A new session for {@code role}, initialized the way clients do; its id. */
    String session(Role role) {
        Reply r = initialize(role, "2025-06-18");
        assertEquals(200, r.status(), r::toString);
        assertEquals(
                202,
                post(role, r.session(), "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .status());
        return r.session();
    }

    static String request(int id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }
}
