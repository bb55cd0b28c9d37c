package io.kronforce.controller.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.resources.Settings;
import io.kronforce.notifier.http.OutboundHttp;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

/**
 * The AI job builder (docs/reference/rest.md#ai-job-builder): turns a description into a job
 * <em>draft</em> — the model's answer parsed and checked exactly as {@link JobCatalog#validate} checks a
 * new job, never stored — and lists the provider's models. The provider comes from the settings
 * first, the environment second ({@link AiConfig}); its address must pass the egress policy
 * before anything is sent. The provider SDKs are touched only here, on first use, so a controller
 * that never uses AI never loads them. Thread-safe.
 */
public final class JobAssistant {
    static final Duration GENERATE_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MODELS_TIMEOUT = Duration.ofSeconds(10);
    static final long MAX_TOKENS = 1024;
    static final int MAX_PROMPT_CHARS = 2000;
    static final Executor VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();
    private static final Logger LOG = Logger.getLogger(JobAssistant.class.getName());

    private final Settings settings;
    private final AiConfig fromEnv;
    private final JobCatalog jobs;
    private final Map<String, Class<? extends Record>> taskTypes;
    private final EgressPolicy egress;
    private final EgressHttp http;
    private JobPrompt prompt;
    private Client cached;

    /** A provider client with the configuration it was built for. */
    private record Client(AiConfig config, ModelClient model) {}

    /**
     * @param fromEnv the {@code KRONFORCE_AI_*} configuration, used where the settings name nothing
     * @param taskTypes the installed task types and the records their handlers bind
     */
    public JobAssistant(
            Settings settings,
            AiConfig fromEnv,
            JobCatalog jobs,
            Map<String, Class<? extends Record>> taskTypes,
            EgressPolicy egress) {
        this.settings = settings;
        this.fromEnv = fromEnv;
        this.jobs = jobs;
        this.taskTypes = Map.copyOf(taskTypes);
        this.egress = egress;
        this.http = new EgressHttp(egress);
    }

    /** Whether a provider this controller speaks and a key are configured ({@code /api/config}'s {@code ai_enabled}). */
    public boolean enabled() {
        return config().enabled();
    }

    /**
     * A job definition for {@code description}: {@code name} first, then every field as a create
     * would store it.
     *
     * @throws KronforceException.InvalidInput {@code ai-not-configured}, {@code egress-refused}, a bad
     *     prompt, or {@code ai-draft-invalid} with the validation's reason and pointers
     * @throws KronforceException.BadGateway {@code ai-provider-failed}
     */
    public ObjectNode draft(String description) {
        String text = checkedPrompt(description);
        ModelClient model = client();
        ObjectNode answer = DraftText.parse(failuresLogged(() -> model.complete(prompt().text(), text)));
        try {
            ObjectNode draft = JsonMapping.MAPPER
                    .createObjectNode()
                    .put("name", answer.path("name").asText().trim());
            draft.setAll(jobs.validate(answer));
            return draft;
        } catch (KronforceException.InvalidInput e) {
            throw new KronforceException.InvalidInput(
                    ProblemType.AI_DRAFT_INVALID, "the generated job is not valid: " + e.getMessage(), e.errors());
        }
    }

    /** The provider's model list as it answered it (upstream's shape: the provider's own). */
    public JsonNode models() {
        ModelClient model = client();
        return failuresLogged(model::models);
    }

    /**
     * Checks an {@code ai_*} setting before it is stored: the provider must be one this controller
     * speaks, the base URL an absolute http(s) URL. Other keys pass.
     */
    public static void checkSetting(String key, String value) {
        String v = value.trim();
        if (key.equals("ai_provider") && !v.isEmpty() && !AiConfig.speaks(v.toLowerCase(Locale.ROOT))) {
            throw new KronforceException.InvalidInput(
                    "/ai_provider", "ai_provider must be anthropic or openai, got '" + value + "'");
        }
        if (key.equals("ai_base_url") && !v.isEmpty()) {
            baseUri(v, "/ai_base_url");
        }
    }

    private AiConfig config() {
        return fromEnv.overriddenBy(settings.plain());
    }

    private synchronized ModelClient client() {
        AiConfig config = config();
        if (config.apiKey().isEmpty()) {
            throw notConfigured("AI not configured — set an API key in Settings or KRONFORCE_AI_API_KEY");
        }
        if (!config.knownProvider()) {
            throw notConfigured("ai_provider '" + config.provider() + "' is not supported: use anthropic or openai");
        }
        config.customBaseUrl().ifPresent(this::requireAllowed);
        if (cached == null || !cached.config().equals(config)) {
            cached = new Client(config, build(config));
        }
        return cached.model();
    }

    /** The only place the SDK-bound classes are named: they load when this first runs. */
    private ModelClient build(AiConfig config) {
        if (config.effectiveProvider().equals(AiConfig.OPENAI)) {
            return new OpenAiModel(config, http);
        }
        return new AnthropicModel(config, http);
    }

    private void requireAllowed(String baseUrl) {
        try {
            egress.check(baseUri(baseUrl, null));
        } catch (EgressDeniedException e) {
            throw ProviderErrors.refused(e);
        }
    }

    private synchronized JobPrompt prompt() {
        if (prompt == null) {
            prompt = new JobPrompt(taskTypes);
        }
        return prompt;
    }

    private static <T> T failuresLogged(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (KronforceException.BadGateway e) {
            LOG.warning("AI provider call failed: " + e.getMessage()); // scrubbed of the key by ProviderErrors
            throw e;
        }
    }

    private static String checkedPrompt(String prompt) {
        String text = prompt == null ? "" : prompt.trim();
        if (text.isEmpty()) {
            throw new KronforceException.InvalidInput("/prompt", "prompt cannot be empty");
        }
        if (text.length() > MAX_PROMPT_CHARS) {
            throw new KronforceException.InvalidInput(
                    "/prompt", "prompt too long (max " + MAX_PROMPT_CHARS + " characters)");
        }
        return text;
    }

    private static URI baseUri(String url, String pointer) {
        try {
            return OutboundHttp.webUri(url);
        } catch (IllegalArgumentException e) {
            String message = "ai_base_url must be an absolute http or https URL";
            throw pointer == null ? notConfigured(message) : new KronforceException.InvalidInput(pointer, message);
        }
    }

    private static KronforceException notConfigured(String message) {
        return new KronforceException.InvalidInput(ProblemType.AI_NOT_CONFIGURED, message, List.of());
    }
}
