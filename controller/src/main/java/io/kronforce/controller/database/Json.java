package io.kronforce.controller.database;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.JsonMapping;

/** JSON columns: text in, tree out. A column that does not parse is a bug, not user input. */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapping.MAPPER;

    private Json() {}

    public static JsonNode read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    public static String write(JsonNode node) {
        return node == null || node.isNull() ? null : node.toString();
    }
}
