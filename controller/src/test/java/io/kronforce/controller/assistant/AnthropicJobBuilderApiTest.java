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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/ai/generate-job} and {@code GET /api/ai/models} against a loopback server that
 * answers in Anthropic's wire format (Messages API, models list) and records what the SDK sent.
 */
class AnthropicJobBuilderApiTest extends SharedControllerTest {
    static final String KEY = "sk-ant-test-0123456789abcdef";

    RecordingPeer anthropic;

    @BeforeEach
    void startProvider() throws IOException {
        anthropic = RecordingPeer.start();
        configure(Map.of(
                "ai_provider",
                "anthropic",
                "ai_api_key",
                KEY,
                "ai_model",
                "claude-test-model",
                "ai_base_url",
                anthropic.url("")));
    }

    @AfterEach
    void stopProvider() {
        anthropic.close();
    }

    static void configure(Map<String, String> settings) {
        TestController.Response r = tc.put("/api/settings", Role.OPERATOR, settings);
        assertEquals(200, r.status(), r::toString);
    }

    static String message(String text) {
        return TestController.JSON
                .createObjectNode()
                .put("id", "msg_01")
                .put("type", "message")
                .put("role", "assistant")
                .put("model", "claude-test-model")
                .put("stop_reason", "end_turn")
                .set(
                        "content",
                        TestController.JSON
                                .createArrayNode()
                                .add(TestController.JSON
                                        .createObjectNode()
                                        .put("type", "text")
                                        .put("text", text)))
                .toString();
    }

    @Test
    void theDraftIsTheModelsJobValidatedAndNothingIsCreated() throws IOException {
        String job = "{\"name\":\"nightly-backup\",\"description\":\"Backs up the database\","
                + "\"task\":{\"type\":\"shell\",\"command\":\"pg_dump app > /backup/app.sql\"},"
                + "\"schedule\":{\"type\":\"cron\",\"value\":\"0 0 2 * * *\"},\"retry_max\":2}";
        anthropic.on("/v1/messages", Reply.json(200, message("Here it is:\n```json\n" + job + "\n```")));
        int jobsBefore = tc.read("/api/jobs").path("total").asInt();

        TestController.Response r = tc.post(
                "/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "back up the app database every night at 2"));

        assertEquals(200, r.status(), r::toString);
        JsonNode draft = r.json().path("job");
        assertEquals("nightly-backup", draft.path("name").asText());
        assertEquals(
                "pg_dump app > /backup/app.sql",
                draft.path("task").path("command").asText());
        assertEquals("0 0 2 * * *", draft.path("schedule").path("value").asText());
        assertEquals(2, draft.path("retry_max").asInt());
        assertEquals("Default", draft.path("group").asText(), "defaults filled as a create would store them");
        assertEquals(jobsBefore, tc.read("/api/jobs").path("total").asInt(), "a draft is never stored");

        RecordingPeer.Recorded sent = anthropic.single();
        assertEquals("POST", sent.method());
        assertEquals(KEY, sent.header("x-api-key"));
        assertTrue(sent.header("anthropic-version").matches("\\d{4}-\\d{2}-\\d{2}"), "the SDK's API version");
        JsonNode body = TestController.JSON.readTree(sent.body());
        assertEquals("claude-test-model", body.path("model").asText());
        assertEquals(1024, body.path("max_tokens").asInt());
        assertEquals(
                "back up the app database every night at 2",
                body.path("messages").path(0).path("content").asText());
        String system = body.path("system").asText();
        assertTrue(system.contains("Kronforce create-job request"), "the job schema is in the prompt");
        assertTrue(system.contains("\"misfire_policy\""), "the whole schema, down to its last field");
        assertTrue(system.contains("- shell: {\"type\": \"shell\", \"command\": string"), system);
        assertTrue(system.contains("- http: {\"type\": \"http\", \"method\": string, \"url\": string"), system);
    }

    @Test
    void aModelAnswerThatIsNotAValidJobIs422WithTheReason() {
        anthropic.on(
                "/v1/messages",
                Reply.json(
                        200,
                        message("{\"name\":\"bad-cron\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                                + "\"schedule\":{\"type\":\"cron\",\"value\":\"every night\"}}")));

        JsonNode problem = assertProblem(
                tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "something nightly")), 422);

        assertTrue(problem.path("type").asText().endsWith("/ai-draft-invalid"), problem::toString);
        assertTrue(problem.path("error").asText().startsWith("the generated job is not valid: "), problem::toString);
        assertEquals("/schedule", problem.path("errors").path(0).path("pointer").asText(), problem::toString);
    }

    @Test
    void proseWithoutAJsonObjectIs422() {
        anthropic.on("/v1/messages", Reply.json(200, message("I am sorry, I cannot help with that.")));

        JsonNode problem =
                assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "something")), 422);

        assertEquals("the AI answer holds no JSON object", problem.path("error").asText());
    }

    @Test
    void aProviderErrorIsA502ProblemThatNeverShowsTheKey() {
        anthropic.on(
                "/v1/messages",
                Reply.json(
                        401,
                        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key "
                                + KEY + "\"}}"));

        TestController.Response r = tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "anything"));

        JsonNode problem = assertProblem(r, 502);
        assertTrue(problem.path("type").asText().endsWith("/ai-provider-failed"), problem::toString);
        assertTrue(problem.path("error").asText().contains("401"), problem::toString);
        assertTrue(problem.path("error").asText().contains("invalid x-api-key"), problem::toString);
        assertFalse(r.body().contains(KEY), r::toString);
        assertEquals(1, anthropic.requests().size(), "the SDK does not retry by itself");
    }

    @Test
    void theModelsAreTheProvidersOwnList() {
        String list = "{\"data\":[{\"type\":\"model\",\"id\":\"claude-test-model\",\"display_name\":\"Test\","
                + "\"created_at\":\"2025-01-01T00:00:00Z\"}],\"has_more\":false,\"first_id\":\"claude-test-model\","
                + "\"last_id\":\"claude-test-model\"}";
        anthropic.on("/v1/models", Reply.json(200, list));

        TestController.Response r = tc.get("/api/ai/models", Role.OPERATOR);

        assertEquals(200, r.status(), r::toString);
        assertEquals(
                "claude-test-model", r.json().path("data").path(0).path("id").asText());
        assertEquals(KEY, anthropic.single().header("x-api-key"));
        assertEquals("GET", anthropic.single().method());
    }

    @Test
    void aRefusedModelListIsA502ProblemNotTheProvidersBody() {
        anthropic.on("/v1/models", Reply.json(403, "{\"type\":\"error\",\"error\":{\"message\":\"forbidden\"}}"));

        JsonNode problem = assertProblem(tc.get("/api/ai/models", Role.OPERATOR), 502);

        assertTrue(problem.path("error").asText().startsWith("AI provider answered 403: "), problem::toString);
    }

    @Test
    void withoutAKeyTheBuilderIsOffAndAnswers400AsUpstream() {
        configure(Map.of("ai_api_key", ""));

        assertFalse(tc.read("/api/config").path("ai_enabled").asBoolean());
        JsonNode problem =
                assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "anything")), 400);
        assertTrue(problem.path("type").asText().endsWith("/ai-not-configured"), problem::toString);
        assertProblem(tc.get("/api/ai/models", Role.OPERATOR), 400);
        assertTrue(anthropic.requests().isEmpty());
    }

    @Test
    void aProviderAndAKeyTurnTheBuilderOnAndTheKeyStaysMasked() {
        JsonNode config = tc.read("/api/config");
        assertTrue(config.path("ai_enabled").asBoolean(), config::toString);
        assertFalse(config.toString().contains(KEY));
        TestController.Response settings = tc.get("/api/settings", Role.ADMIN);
        assertFalse(settings.body().contains(KEY), settings::toString);
        assertEquals("\u2022".repeat(8), settings.json().path("ai_api_key").asText());
    }

    @Test
    void anUnknownProviderOrABadBaseUrlIsRefusedWhenSaved() {
        assertProblem(tc.put("/api/settings", Role.OPERATOR, Map.of("ai_provider", "gemini")), 400);
        assertProblem(tc.put("/api/settings", Role.OPERATOR, Map.of("ai_base_url", "ftp://example.com")), 400);
        assertTrue(tc.read("/api/config").path("ai_enabled").asBoolean(), "the stored settings are unchanged");
    }

    @Test
    void aPromptIsRequiredAndAtMost2000Characters() {
        assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "  ")), 400);
        assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x".repeat(2001))), 400);
        assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", 42)), 422);
        assertTrue(anthropic.requests().isEmpty());
    }

    @Test
    void readersMayNotSpendTheProvidersQuota() {
        assertProblem(tc.post("/api/ai/generate-job", Role.VIEWER, Map.of("prompt", "anything")), 403);
        assertProblem(tc.get("/api/ai/models", Role.VIEWER), 403);
        assertTrue(anthropic.requests().isEmpty());
    }
}
