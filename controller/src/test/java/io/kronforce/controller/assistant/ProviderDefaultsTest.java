package io.kronforce.controller.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream's defaults: Anthropic unless told otherwise, its public endpoints, its default models. */
class ProviderDefaultsTest {
    private final EgressHttp http = new EgressHttp(EgressPolicy.publicOnly());

    @Test
    void withoutABaseUrlTheSdksCallTheProvidersPublicEndpoints() {
        AiConfig anthropic = new AiConfig("", "k", "", "", "");
        AiConfig openai = new AiConfig("openai", "k", "", "", "");

        assertEquals("https://api.anthropic.com", new AnthropicModel(anthropic, http).baseUrl());
        assertEquals("https://api.openai.com/v1", new OpenAiModel(openai, http).baseUrl());
        assertEquals("claude-3-5-sonnet-latest", anthropic.model());
        assertEquals("gpt-4o", openai.model());
    }

    @Test
    void settingsWinOverTheEnvironmentAndAnUnknownProviderIsOff() {
        AiConfig env = AiConfig.fromEnv(Map.of("KRONFORCE_AI_API_KEY", "env-key", "KRONFORCE_AI_MODEL", "m"));

        assertTrue(env.enabled());
        assertEquals(
                "set-key", env.overriddenBy(Map.of("ai_api_key", "set-key")).apiKey());
        assertEquals(
                "m",
                env.overriddenBy(Map.of("ai_api_key", "set-key", "ai_model", " "))
                        .model());
        assertFalse(env.overriddenBy(Map.of("ai_provider", "gemini")).enabled());
        assertFalse(AiConfig.NONE.enabled());
        assertFalse(env.toString().contains("env-key"));
    }
}
