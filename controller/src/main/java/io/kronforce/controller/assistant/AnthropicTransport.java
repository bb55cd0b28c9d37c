package io.kronforce.controller.assistant;

import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.HttpClient;
import com.anthropic.core.http.HttpRequest;
import com.anthropic.core.http.HttpRequestBody;
import com.anthropic.core.http.HttpResponse;
import com.anthropic.errors.AnthropicIoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * The Anthropic SDK's HTTP client, replaced by {@link EgressHttp}: the SDK builds and parses the
 * Messages API calls, every byte goes through our egress-checked client. Failures reach the SDK as
 * its own {@link AnthropicIoException} with the cause kept (an egress refusal stays recognisable).
 */
final class AnthropicTransport implements HttpClient {
    private final EgressHttp http;

    AnthropicTransport(EgressHttp http) {
        this.http = http;
    }

    @Override
    public HttpResponse execute(HttpRequest request, RequestOptions options) {
        HttpRequestBody body = request.body().orElse(null);
        try {
            return new Answer(http.send(new EgressHttp.Outbound(
                    request.method().name(),
                    URI.create(request.url()),
                    EgressHttp.headers(
                            request.headers().names(),
                            request.headers()::values,
                            body == null ? null : body.contentType()),
                    EgressHttp.bytes(body == null ? null : body::writeTo),
                    options.timeout().map(Timeout::request).orElse(JobAssistant.GENERATE_TIMEOUT))));
        } catch (IOException e) {
            throw new AnthropicIoException("request to the AI provider failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AnthropicIoException("interrupted", e);
        }
    }

    @Override
    public CompletableFuture<HttpResponse> executeAsync(HttpRequest request, RequestOptions options) {
        return CompletableFuture.supplyAsync(() -> execute(request, options), JobAssistant.VIRTUAL_THREADS);
    }

    @Override
    public void close() {
        // The JDK client is shared by both providers and lives as long as the controller.
    }

    /** A fully read answer in the SDK's shape. */
    private record Answer(EgressHttp.Inbound in) implements HttpResponse {
        @Override
        public int statusCode() {
            return in.status();
        }

        @Override
        public Headers headers() {
            return Headers.builder().putAll(in.headers()).build();
        }

        @Override
        public InputStream body() {
            return new ByteArrayInputStream(in.body());
        }

        @Override
        public void close() {
            // Nothing held: the body was read in full.
        }
    }
}
