package io.kronforce.controller.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.JsonMapping;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * One AI provider as the job builder uses it. Implementations hold a provider SDK and are built
 * only when AI is used (so the SDKs' classes load then, never at start-up). Errors are the
 * controller's own problems ({@link ProviderErrors}), never SDK exceptions.
 */
interface ModelClient {
    /** The model's text answer to {@code prompt} under the {@code system} instructions. */
    String complete(String system, String prompt);

    /** The provider's model list as it answered it. */
    JsonNode models();

    /** A provider's JSON answer as a tree; what cannot be read is an {@link UncheckedIOException}. */
    static JsonNode json(InputStream body) {
        try (body) {
            return JsonMapping.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the answer is not JSON", e);
        }
    }
}
