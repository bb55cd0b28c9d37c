package io.kronforce.controller.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.JsonValue;
import com.openai.core.LogLevel;
import com.openai.core.RequestOptions;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.kronforce.controller.domain.JsonMapping;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * OpenAI's Chat Completions (and compatible servers: a custom base URL; Azure with
 * {@code ai_api_version}, sent as the {@code api-version} query and the {@code api-key} header)
 * through the official SDK (core module, our {@link OpenAiTransport}). Reasoning models
 * ({@code gpt-5*}, {@code o1*}, {@code o3*}, {@code o4*}) take {@code max_completion_tokens}, the
 * others {@code max_tokens}, as upstream. The SDK never retries by itself.
 */
final class OpenAiModel implements ModelClient {
    private static final Pattern COMPLETION_TOKEN_MODELS = Pattern.compile("(gpt-5|o1|o3|o4).*");

    private final ClientOptions options;
    private final OpenAIClient client;
    private final AiConfig config;

    OpenAiModel(AiConfig config, EgressHttp http) {
        this.config = config;
        ClientOptions.Builder options = ClientOptions.builder()
                .httpClient(new OpenAiTransport(http))
                .apiKey(config.apiKey())
                .maxRetries(0)
                .timeout(JobAssistant.GENERATE_TIMEOUT)
                .logLevel(LogLevel.OFF) // its debug log would print the Authorization header
                .streamHandlerExecutor(JobAssistant.VIRTUAL_THREADS);
        config.customBaseUrl().ifPresent(options::baseUrl);
        if (!config.apiVersion().isEmpty()) {
            options.putQueryParam("api-version", config.apiVersion()).putHeader("api-key", config.apiKey());
        }
        this.options = options.build();
        this.client = new OpenAIClientImpl(this.options);
    }

    /** Where the SDK sends its calls. */
    String baseUrl() {
        return options.baseUrl();
    }

    @Override
    public String complete(String system, String prompt) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder()
                .model(config.model())
                .addSystemMessage(system)
                .addUserMessage(prompt);
        if (COMPLETION_TOKEN_MODELS.matcher(config.model()).matches()) {
            params.maxCompletionTokens(JobAssistant.MAX_TOKENS);
        } else {
            // The SDK deprecates max_tokens, but compatible servers and older Azure versions know only it.
            params.putAdditionalBodyProperty("max_tokens", JsonValue.from(JobAssistant.MAX_TOKENS));
        }
        ChatCompletion answer =
                call(() -> client.chat().completions().create(params.build(), within(JobAssistant.GENERATE_TIMEOUT)));
        return answer.choices().stream()
                .findFirst()
                .flatMap(choice -> choice.message().content())
                .orElse("");
    }

    /**
     * The server's {@code GET …/models}. With {@code ai_api_version} (Azure) the answer is upstream's
     * empty list without a call: Azure deployments are named by the operator, not listed there.
     */
    @Override
    public JsonNode models() {
        if (!config.apiVersion().isEmpty()) {
            ObjectNode empty = JsonMapping.MAPPER.createObjectNode().put("object", "list");
            empty.putArray("data");
            return empty;
        }
        return call(() -> ModelClient.json(client.withRawResponse()
                .models()
                .list(within(JobAssistant.MODELS_TIMEOUT))
                .body()));
    }

    private static RequestOptions within(Duration timeout) {
        return RequestOptions.builder().timeout(timeout).build();
    }

    private <T> T call(Supplier<T> sdkCall) {
        try {
            return sdkCall.get();
        } catch (OpenAIServiceException e) {
            throw ProviderErrors.answered(e.statusCode(), e.getMessage(), config.apiKey());
        } catch (OpenAIIoException e) {
            throw ProviderErrors.unreachable(e, config.apiKey());
        } catch (java.io.UncheckedIOException e) {
            throw ProviderErrors.unreadable(e, config.apiKey());
        } catch (OpenAIException e) {
            throw ProviderErrors.unreadable(e, config.apiKey());
        }
    }
}
