package io.kronforce.controller.assistant;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.LogLevel;
import com.anthropic.core.RequestOptions;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlock;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Anthropic's Messages API through the official SDK (core module, our {@link AnthropicTransport}):
 * {@code POST /v1/messages} with upstream's {@value JobAssistant#MAX_TOKENS} tokens, and
 * {@code GET /v1/models} answered as the provider sent it. The SDK never retries by itself.
 */
final class AnthropicModel implements ModelClient {
    private final AnthropicClient client;
    private final AiConfig config;

    AnthropicModel(AiConfig config, EgressHttp http) {
        this.config = config;
        // The core module's builder has no key setter for Java (its backend setter is Kotlin-internal),
        // so the key goes in as the header the API reads; with no backend the SDK adds no auth of its own.
        this.client = new AnthropicClientImpl(ClientOptions.builder()
                .httpClient(new AnthropicTransport(http))
                .putHeader("x-api-key", config.apiKey())
                .baseUrl(config.customBaseUrl())
                .maxRetries(0)
                .timeout(JobAssistant.GENERATE_TIMEOUT)
                .logLevel(LogLevel.OFF) // its debug log would print the key header
                .completionExecutor(JobAssistant.VIRTUAL_THREADS)
                .streamHandlerExecutor(JobAssistant.VIRTUAL_THREADS)
                .build());
    }

    /** Where the SDK sends its calls. */
    String baseUrl() {
        return client.options().baseUrl();
    }

    @Override
    public String complete(String system, String prompt) {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(config.model())
                .maxTokens(JobAssistant.MAX_TOKENS)
                .system(system)
                .addUserMessage(prompt)
                .build();
        Message answer = call(() -> client.messages().create(params, within(JobAssistant.GENERATE_TIMEOUT)));
        return answer.content().stream()
                .flatMap(block -> block.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    @Override
    public JsonNode models() {
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
        } catch (AnthropicServiceException e) {
            throw ProviderErrors.answered(e.statusCode(), e.getMessage(), config.apiKey());
        } catch (AnthropicIoException e) {
            throw ProviderErrors.unreachable(e, config.apiKey());
        } catch (java.io.UncheckedIOException e) {
            throw ProviderErrors.unreadable(e, config.apiKey());
        } catch (AnthropicException e) {
            throw ProviderErrors.unreadable(e, config.apiKey());
        }
    }
}
