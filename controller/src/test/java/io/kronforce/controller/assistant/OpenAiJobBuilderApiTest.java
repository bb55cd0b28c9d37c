package io.kronforce.controller.assistant;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The builder against a loopback server that answers in OpenAI's wire format (Chat Completions,
 * models list), as an OpenAI-compatible server or Azure would: the base URL carries {@code /v1}.
 */
class OpenAiJobBuilderApiTest extends SharedControllerTest {
    static final String KEY = "sk-proj-test-abcdef0123456789";

    RecordingPeer openai;

    @BeforeEach
    void startProvider() throws IOException {
        openai = RecordingPeer.start();
        configure(Map.of());
    }

    @AfterEach
    void stopProvider() {
        openai.close();
    }

    void configure(Map<String, String> extra) {
        Map<String, String> settings = new HashMap<>(Map.of(
                "ai_provider", "openai",
                "ai_api_key", KEY,
                "ai_model", "gpt-4o-mini",
                "ai_base_url", openai.url("/v1"),
                "ai_api_version", ""));
        settings.putAll(extra);
        assertEquals(200, tc.put("/api/settings", Role.OPERATOR, settings).status());
    }

    static String completion(String content) {
        var message =
                TestController.JSON.createObjectNode().put("role", "assistant").put("content", content);
        var choice = TestController.JSON.createObjectNode().put("index", 0).put("finish_reason", "stop");
        choice.set("message", message);
        var body = TestController.JSON
                .createObjectNode()
                .put("id", "chatcmpl-1")
                .put("object", "chat.completion")
                .put("created", 1_700_000_000)
                .put("model", "gpt-4o-mini");
        body.putArray("choices").add(choice);
        return body.toString();
    }

    static final String JOB = "{\"name\":\"ping-api\",\"task\":{\"type\":\"http\",\"method\":\"get\","
            + "\"url\":\"https://example.com/health\",\"expect_status\":200},"
            + "\"schedule\":{\"type\":\"interval\",\"value\":{\"interval_secs\":300}}}";

    @Test
    void theDraftComesFromChatCompletionsWithTheBearerKey() throws IOException {
        openai.on("/v1/chat/completions", Reply.json(200, completion(JOB)));

        TestController.Response r =
                tc.post("/api/ai/generate-job", Role.ADMIN, Map.of("prompt", "check example.com every 5 minutes"));

        assertEquals(200, r.status(), r::toString);
        JsonNode draft = r.json().path("job");
        assertEquals("ping-api", draft.path("name").asText());
        assertEquals(
                300, draft.path("schedule").path("value").path("interval_secs").asInt());
        RecordingPeer.Recorded sent = openai.single();
        assertEquals("Bearer " + KEY, sent.header("Authorization"));
        JsonNode body = TestController.JSON.readTree(sent.body());
        assertEquals("gpt-4o-mini", body.path("model").asText());
        assertEquals(1024, body.path("max_tokens").asInt());
        assertFalse(body.has("max_completion_tokens"));
        assertEquals("system", body.path("messages").path(0).path("role").asText());
        String system = body.path("messages").path(0).path("content").asText();
        assertTrue(system.contains("Kronforce create-job request"), system);
        assertTrue(system.contains("- sql: {\"type\": \"sql\""), system);
        assertEquals(
                "check example.com every 5 minutes",
                body.path("messages").path(1).path("content").asText());
    }

    @Test
    void reasoningModelsGetMaxCompletionTokens() throws IOException {
        configure(Map.of("ai_model", "o3-mini"));
        openai.on("/v1/chat/completions", Reply.json(200, completion(JOB)));

        assertEquals(
                200,
                tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x"))
                        .status());

        JsonNode body = TestController.JSON.readTree(openai.single().body());
        assertEquals(1024, body.path("max_completion_tokens").asInt());
        assertFalse(body.has("max_tokens"));
    }

    @Test
    void anApiVersionSendsAzuresQueryAndKeyHeader() {
        configure(Map.of("ai_api_version", "2024-10-21"));
        openai.on("/v1/chat/completions", Reply.json(200, completion(JOB)));

        assertEquals(
                200,
                tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x"))
                        .status());

        RecordingPeer.Recorded sent = openai.single();
        assertEquals("api-version=2024-10-21", sent.query());
        assertEquals(KEY, sent.header("api-key"));
        TestController.Response models = tc.get("/api/ai/models", Role.OPERATOR);
        assertEquals("{\"object\":\"list\",\"data\":[]}", models.body(), "Azure lists no models, as upstream");
        assertEquals(1, openai.requests().size());
    }

    @Test
    void theModelsAreTheProvidersOwnList() {
        String list = "{\"object\":\"list\",\"data\":[{\"id\":\"gpt-4o-mini\",\"object\":\"model\","
                + "\"created\":1715367049,\"owned_by\":\"system\"}]}";
        openai.on("/v1/models", Reply.json(200, list));

        TestController.Response r = tc.get("/api/ai/models", Role.OPERATOR);

        assertEquals(200, r.status(), r::toString);
        assertEquals("gpt-4o-mini", r.json().path("data").path(0).path("id").asText(), r::toString);
        assertEquals("Bearer " + KEY, openai.single().header("Authorization"));
    }

    @Test
    void aServerErrorIsA502ProblemAndIsNotRetried() {
        openai.on(
                "/v1/chat/completions",
                Reply.json(500, "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}"));

        JsonNode problem = assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x")), 502);

        assertTrue(problem.path("error").asText().contains("500"), problem::toString);
        assertEquals(1, openai.requests().size());
    }

    @Test
    void anUnreachableProviderIsA502Problem() {
        int closedPort = openai.baseUri().getPort();
        openai.close();
        configure(Map.of("ai_base_url", "http://127.0.0.1:" + closedPort + "/v1"));

        JsonNode problem = assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x")), 502);

        assertTrue(problem.path("error").asText().startsWith("cannot reach the AI provider"), problem::toString);
    }

    @Test
    void anOpenAiKeyTurnsTheBuilderOn() {
        assertTrue(tc.read("/api/config").path("ai_enabled").asBoolean());
    }
}
