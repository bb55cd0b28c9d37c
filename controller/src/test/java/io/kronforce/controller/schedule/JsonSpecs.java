package io.kronforce.controller.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Job specs written in tests with single quotes. */
final class JsonSpecs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonSpecs() {}

    static JsonNode spec(String singleQuoted) {
        try {
            return JSON.readTree(singleQuoted.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
