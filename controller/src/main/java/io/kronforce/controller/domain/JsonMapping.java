package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The controller's one configured {@link ObjectMapper}, shared by every JSON surface: request
 * bodies, MCP messages, agents' and functions' replies, stored JSON columns, notification
 * payloads. Parsing is strict: a document followed by more tokens, or an object that names a key
 * twice, is refused rather than silently cut or overwritten.
 *
 * <p>Never reconfigure it: it is shared and thread-safe only as long as nobody does. A caller
 * that needs another setting for one read takes a reader, e.g.
 * {@code MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)}.
 */
public final class JsonMapping {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private JsonMapping() {}
}
