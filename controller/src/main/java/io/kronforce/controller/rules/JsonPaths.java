package io.kronforce.controller.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import io.kronforce.controller.domain.JsonMapping;
import java.util.Optional;

/**
 * Full JSONPath (arrays, wildcards, slices, filters) over Jackson trees, through Jayway's
 * implementation configured with its Jackson providers, so json-smart is never used. Beyond
 * upstream, which only follows dotted keys. Stateless and thread-safe.
 */
final class JsonPaths {
    private static final ObjectMapper MAPPER = JsonMapping.MAPPER;
    /** A task's output is read as it always was: the first document counts, a repeated key keeps its last value. */
    private static final ObjectReader OUTPUT = MAPPER.reader()
            .without(
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                    DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    private static final Configuration CONFIG = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(MAPPER))
            .mappingProvider(new JacksonMappingProvider(MAPPER))
            .build();

    private JsonPaths() {}

    /**
     * Compiles a path.
     *
     * @throws InvalidPathException when it is not JSONPath
     */
    static JsonPath compile(String path) {
        return JsonPath.compile(path);
    }

    /** Output parsed as JSON after trimming (upstream's rule); empty when it is not JSON. */
    static Optional<JsonNode> parse(String stdout) {
        try {
            JsonNode doc = OUTPUT.readTree(stdout.trim());
            return doc == null || doc.isMissingNode() ? Optional.empty() : Optional.of(doc);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /**
     * The value at the path: strings raw, anything else as compact JSON, null or absent as no
     * value. A path that can select several nodes (wildcard, filter, slice) gives its single
     * result unwrapped, no value when it selects nothing, else the results as a JSON array.
     */
    static Optional<String> extract(String path, JsonNode document) {
        JsonNode found;
        try {
            JsonPath compiled = compile(path);
            found = MAPPER.valueToTree(compiled.read(document, CONFIG));
            if (!compiled.isDefinite() && found != null && found.isArray() && found.size() <= 1) {
                found = found.isEmpty() ? null : found.get(0);
            }
        } catch (JsonPathException | IllegalArgumentException e) {
            return Optional.empty(); // a missing key or an invalid stored path extracts nothing
        }
        if (found == null || found.isNull() || found.isMissingNode()) {
            return Optional.empty();
        }
        return Optional.of(found.isTextual() ? found.asText() : found.toString());
    }
}
