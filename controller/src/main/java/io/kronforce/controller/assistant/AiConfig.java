package io.kronforce.controller.assistant;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which AI provider the job builder talks to, as upstream configures it: the settings {@code ai_provider},
 * {@code ai_api_key}, {@code ai_model}, {@code ai_base_url}, {@code ai_api_version} first, the
 * {@code KRONFORCE_AI_*} environment variables second. Empty strings mean "not set".
 *
 * @param provider {@code anthropic} (the default) or {@code openai}; anything else is not usable
 * @param apiKey the provider key (a secret: {@link #toString()} never shows it)
 * @param model empty: the provider's default ({@link #model()})
 * @param baseUrl empty: the provider's public endpoint
 * @param apiVersion Azure OpenAI's {@code api-version}; empty: none
 */
public record AiConfig(String provider, String apiKey, String model, String baseUrl, String apiVersion) {
    public static final String ANTHROPIC = "anthropic";
    public static final String OPENAI = "openai";
    static final String ANTHROPIC_DEFAULT_MODEL = "claude-3-5-sonnet-latest";
    static final String OPENAI_DEFAULT_MODEL = "gpt-4o";

    public AiConfig {
        provider = clean(provider).toLowerCase(Locale.ROOT);
        apiKey = clean(apiKey);
        model = clean(model);
        baseUrl = clean(baseUrl);
        apiVersion = clean(apiVersion);
    }

    /** Nothing configured. */
    public static final AiConfig NONE = new AiConfig("", "", "", "", "");

    /** {@code KRONFORCE_AI_PROVIDER}, {@code _API_KEY}, {@code _MODEL}, {@code _BASE_URL}, {@code _API_VERSION}. */
    public static AiConfig fromEnv(Map<String, String> env) {
        return new AiConfig(
                env.get("KRONFORCE_AI_PROVIDER"),
                env.get("KRONFORCE_AI_API_KEY"),
                env.get("KRONFORCE_AI_MODEL"),
                env.get("KRONFORCE_AI_BASE_URL"),
                env.get("KRONFORCE_AI_API_VERSION"));
    }

    /** The settings' values where set, else this configuration's (the environment's). */
    AiConfig overriddenBy(Map<String, String> settings) {
        return new AiConfig(
                pick(settings.get("ai_provider"), provider),
                pick(settings.get("ai_api_key"), apiKey),
                pick(settings.get("ai_model"), model),
                pick(settings.get("ai_base_url"), baseUrl),
                pick(settings.get("ai_api_version"), apiVersion));
    }

    /** The provider in effect: {@code anthropic} when none is named. */
    public String effectiveProvider() {
        return provider.isEmpty() ? ANTHROPIC : provider;
    }

    /** A provider this controller speaks and a key for it: what {@code /api/config}'s {@code ai_enabled} reports. */
    public boolean enabled() {
        return !apiKey.isEmpty() && knownProvider();
    }

    boolean knownProvider() {
        return speaks(effectiveProvider());
    }

    /** Whether {@code provider} (lower case) is one this controller has a client for. */
    static boolean speaks(String provider) {
        return provider.equals(ANTHROPIC) || provider.equals(OPENAI);
    }

    /** The configured model, else upstream's default for the provider. */
    @Override
    public String model() {
        if (!model.isEmpty()) {
            return model;
        }
        return effectiveProvider().equals(OPENAI) ? OPENAI_DEFAULT_MODEL : ANTHROPIC_DEFAULT_MODEL;
    }

    Optional<String> customBaseUrl() {
        return baseUrl.isEmpty() ? Optional.empty() : Optional.of(baseUrl);
    }

    @Override
    public String toString() {
        return "AiConfig[provider=" + effectiveProvider() + ", apiKey=" + (apiKey.isEmpty() ? "unset" : "set")
                + ", model=" + model() + ", baseUrl=" + baseUrl + ", apiVersion=" + apiVersion + "]";
    }

    private static String pick(String setting, String fallback) {
        return setting == null || setting.isBlank() ? fallback : setting;
    }

    private static String clean(String value) {
        return value == null ? "" : value.trim();
    }
}
