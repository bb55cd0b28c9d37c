package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.RawMcp.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Streamable HTTP rules, spoken by hand: negotiation, sessions, headers, framing and JSON-RPC errors. */
class McpTransportTest extends SharedControllerTest {
    private RawMcp mcp;

    @BeforeEach
    void client() {
        mcp = new RawMcp(tc);
    }

    @Test
    void initializeAnswersTheClientsVersionWhenSpokenAndTheNewestOtherwise() {
        for (String v : McpServer.VERSIONS) {
            RawMcp.Reply r = mcp.initialize(Role.VIEWER, v);
            assertEquals(200, r.status(), r::toString);
            assertEquals(v, r.json().path("result").path("protocolVersion").asText());
            assertTrue(r.session().matches("[A-Za-z0-9_-]{20,}"), r.session());
        }
        RawMcp.Reply future = mcp.initialize(Role.VIEWER, "2099-01-01");
        assertEquals(
                McpServer.VERSIONS.getFirst(),
                future.json().path("result").path("protocolVersion").asText());
    }

    @Test
    void upstreamsOwnClientSequenceWorksUnchanged() throws Exception {
        // docs/reference/mcp.md#the-mcp-task: initialize (2024-11-05, id 1), notifications/initialized, tools/call (id
        // 3); no MCP-Protocol-Version header, the session id echoed once the server sent one.
        RawMcp.Reply init = mcp.post(
                Role.OPERATOR,
                null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
                        + "\"params\":{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"kronforce\",\"version\":\"0.1.0\"}}}");
        assertEquals(
                "2024-11-05", init.json().path("result").path("protocolVersion").asText());
        assertEquals(
                202,
                mcp.post(
                                Role.OPERATOR,
                                init.session(),
                                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
                        .status());
        JsonNode call = mcp.post(
                        Role.OPERATOR,
                        init.session(),
                        request(3, "tools/call", "{\"name\":\"list_jobs\",\"arguments\":{}}"))
                .json();
        assertEquals(3, call.path("id").asInt());
        assertTrue(
                TestController.JSON
                        .readTree(call.path("result")
                                .path("content")
                                .path(0)
                                .path("text")
                                .asText())
                        .isArray(),
                call::toString);
    }

    @Test
    void notificationsAndClientResponsesAreAnswered202WithoutABody() {
        String session = mcp.session(Role.VIEWER);
        RawMcp.Reply n = mcp.post(
                Role.VIEWER,
                session,
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\"," + "\"params\":{\"requestId\":7}}");
        assertEquals(202, n.status());
        assertEquals("", n.body());
        assertEquals(
                202,
                mcp.post(Role.VIEWER, session, "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}")
                        .status());
    }

    @Test
    void answersJsonWhenAcceptedAndASingleSseEventWhenOnlyTheStreamIs() {
        String session = mcp.session(Role.VIEWER);
        RawMcp.Reply json = mcp.post(Role.VIEWER, session, request(2, "ping", "{}"));
        assertEquals(
                "application/json", json.headers().firstValue("content-type").orElse(""));
        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", json.body());
        RawMcp.Reply sse = mcp.send(
                "POST",
                tc.key(Role.VIEWER),
                Map.of("Accept", "text/event-stream", "Content-Type", "application/json", "Mcp-Session-Id", session),
                request(3, "ping", "{}"));
        assertEquals(200, sse.status());
        assertTrue(sse.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        assertEquals("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}\n\n", sse.body());
        RawMcp.Reply neither = mcp.send(
                "POST",
                tc.key(Role.VIEWER),
                Map.of("Accept", "text/html", "Content-Type", "application/json", "Mcp-Session-Id", session),
                request(4, "ping", "{}"));
        assertEquals(406, neither.status());
    }

    @Test
    void malformedJsonIsAParseErrorAndANonMessageIsAnInvalidRequest() {
        String session = mcp.session(Role.VIEWER);
        RawMcp.Reply garbled = mcp.post(Role.VIEWER, session, "{\"jsonrpc\":\"2.0\",\"id\":1,");
        assertEquals(400, garbled.status());
        assertEquals(-32700, garbled.errorCode());
        assertTrue(garbled.json().path("id").isNull());
        for (String bad : new String[] {
            "42",
            "[]",
            "[" + request(1, "ping", "{}") + "]",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":1}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"x\":1},\"method\":\"ping\"}"
        }) {
            RawMcp.Reply r = mcp.post(Role.VIEWER, session, bad);
            assertEquals(400, r.status(), () -> bad + " → " + r);
            assertEquals(-32600, r.errorCode(), () -> bad + " → " + r);
        }
    }

    @Test
    void unknownMethodsAndBadParamsAreJsonRpcErrorsWithTheRequestId() {
        String session = mcp.session(Role.VIEWER);
        JsonNode unknown =
                mcp.post(Role.VIEWER, session, request(5, "tools/dance", "{}")).json();
        assertEquals(-32601, unknown.path("error").path("code").asInt());
        assertEquals(5, unknown.path("id").asInt());
        assertEquals(
                -32602,
                mcp.post(Role.VIEWER, session, request(6, "tools/call", "{\"name\":3}"))
                        .errorCode());
        assertEquals(
                -32602,
                mcp.post(Role.VIEWER, session, request(7, "tools/call", "[1]")).errorCode());
        assertEquals(
                -32602,
                mcp.post(Role.VIEWER, session, request(8, "tools/call", "{\"name\":\"no_such_tool\"}"))
                        .errorCode());
        assertEquals(
                -32602,
                mcp.post(
                                Role.VIEWER,
                                session,
                                request(9, "tools/call", "{\"name\":\"list_jobs\",\"arguments\":\"all\"}"))
                        .errorCode());
        assertEquals(
                -32002,
                mcp.post(
                                Role.VIEWER,
                                session,
                                request(
                                        10,
                                        "resources/read",
                                        "{\"uri\":\"kronforce://jobs/00000000-0000-0000-0000-000000000000\"}"))
                        .errorCode());
    }

    @Test
    void aBadArgumentIsAToolResultWithIsErrorSoTheModelCanFixIt() {
        String session = mcp.session(Role.VIEWER);
        JsonNode r = mcp.post(
                        Role.VIEWER,
                        session,
                        request(11, "tools/call", "{\"name\":\"list_jobs\",\"arguments\":{\"limit\":\"many\"}}"))
                .json()
                .path("result");
        assertTrue(r.path("isError").asBoolean(), r::toString);
        assertEquals(
                "'limit' must be an integer",
                r.path("content").path(0).path("text").asText());
        JsonNode missing = mcp.post(
                        Role.VIEWER,
                        session,
                        request(12, "tools/call", "{\"name\":\"get_execution\",\"arguments\":{\"id\":\"nope\"}}"))
                .json()
                .path("result");
        assertEquals(
                "execution not found",
                missing.path("content").path(0).path("text").asText());
    }

    @Test
    void requestsOutsideASessionAre400AndUnknownOrEndedSessionsAre404() {
        assertEquals(400, mcp.post(Role.VIEWER, null, request(1, "ping", "{}")).status());
        RawMcp.Reply unknown = mcp.post(Role.VIEWER, "not-a-session", request(1, "ping", "{}"));
        assertEquals(404, unknown.status());
        assertEquals(-32001, unknown.errorCode());
        String session = mcp.session(Role.VIEWER);
        assertEquals(
                404,
                mcp.post(Role.OPERATOR, session, request(1, "ping", "{}")).status(),
                "another key cannot use this session");
        Map<String, String> header = Map.of("Mcp-Session-Id", session);
        assertEquals(204, mcp.send("DELETE", tc.key(Role.VIEWER), header, null).status());
        assertEquals(
                404, mcp.post(Role.VIEWER, session, request(1, "ping", "{}")).status());
        assertEquals(404, mcp.send("DELETE", tc.key(Role.VIEWER), header, null).status());
    }

    @Test
    void aProtocolVersionHeaderOtherThanTheSessionsIs400() {
        String session = mcp.session(Role.VIEWER);
        Map<String, String> h =
                Map.of("Accept", RawMcp.ACCEPT_BOTH, "Content-Type", "application/json", "Mcp-Session-Id", session);
        assertEquals(
                200,
                mcp.send(
                                "POST",
                                tc.key(Role.VIEWER),
                                with(h, "MCP-Protocol-Version", "2025-06-18"),
                                request(1, "ping", "{}"))
                        .status());
        assertEquals(
                400,
                mcp.send(
                                "POST",
                                tc.key(Role.VIEWER),
                                with(h, "MCP-Protocol-Version", "1900-01-01"),
                                request(1, "ping", "{}"))
                        .status());
    }

    @Test
    void aForeignOriginIs403AndLoopbackOrNoOriginPass() {
        Map<String, String> h = Map.of("Accept", RawMcp.ACCEPT_BOTH, "Content-Type", "application/json");
        String init =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}";
        RawMcp.Reply evil = mcp.send("POST", tc.key(Role.ADMIN), with(h, "Origin", "http://evil.example"), init);
        assertEquals(403, evil.status());
        assertTrue(evil.headers().firstValue("Mcp-Session-Id").isEmpty());
        assertEquals(
                200,
                mcp.send("POST", tc.key(Role.ADMIN), with(h, "Origin", "http://localhost:6274"), init)
                        .status());
        assertEquals(200, mcp.send("POST", tc.key(Role.ADMIN), h, init).status());
    }

    @Test
    void aMissingOrUnknownKeyIs401AndAnAgentKeyIs403() {
        Map<String, String> h = Map.of("Accept", RawMcp.ACCEPT_BOTH, "Content-Type", "application/json");
        String ping = request(1, "ping", "{}");
        Api.assertProblem(toResponse(mcp.send("POST", null, h, ping)), 401);
        Api.assertProblem(toResponse(mcp.send("POST", "kf_not-a-key", h, ping)), 401);
        Api.assertProblem(toResponse(mcp.send("POST", tc.key(Role.AGENT), h, ping)), 403);
    }

    @Test
    void theServerStreamNeedsALiveSessionAndEndsWithIt() throws Exception {
        assertEquals(
                400,
                mcp.send("GET", tc.key(Role.VIEWER), Map.of("Accept", "text/event-stream"), null)
                        .status());
        assertEquals(
                404,
                mcp.send(
                                "GET",
                                tc.key(Role.VIEWER),
                                Map.of("Accept", "text/event-stream", "Mcp-Session-Id", "gone"),
                                null)
                        .status());
        String session = mcp.session(Role.VIEWER);
        assertEquals(
                406,
                mcp.send(
                                "GET",
                                tc.key(Role.VIEWER),
                                Map.of("Accept", "application/json", "Mcp-Session-Id", session),
                                null)
                        .status());
        var request = java.net.http.HttpRequest.newBuilder(tc.uri("/mcp"))
                .GET()
                .header("Authorization", "Bearer " + tc.key(Role.VIEWER))
                .header("Accept", "text/event-stream")
                .header("Mcp-Session-Id", session)
                .build();
        var response = tc.client().send(request, java.net.http.HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        var lines = response.body().iterator();
        assertTrue(lines.next().startsWith(":"), "a comment opens the stream");
        assertEquals(
                204,
                mcp.send("DELETE", tc.key(Role.VIEWER), Map.of("Mcp-Session-Id", session), null)
                        .status());
        var rest = java.util.concurrent.CompletableFuture.runAsync(() -> lines.forEachRemaining(l -> {}));
        org.awaitility.Awaitility.await("stream ends with its session")
                .atMost(java.time.Duration.ofSeconds(20))
                .until(rest::isDone);
    }

    private static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> out = new java.util.HashMap<>(base);
        out.put(name, value);
        return out;
    }

    private static TestController.Response toResponse(RawMcp.Reply r) {
        return new TestController.Response(r.status(), r.body(), r.headers());
    }
}
