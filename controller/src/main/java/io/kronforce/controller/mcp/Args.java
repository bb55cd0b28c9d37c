package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A tool call's {@code arguments}, read with type checks whose failures the model can act on. */
final class Args {
    private final ObjectNode values;

    /** An argument of the wrong type or out of range; becomes a tool result with {@code isError}. */
    static final class Bad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Bad(String message) {
            super(message, null, false, false);
        }
    }

    Args(ObjectNode values) {
        this.values = values;
    }

    Optional<String> text(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw new Bad("'" + name + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    String requireText(String name) {
        return text(name).orElseThrow(() -> new Bad("'" + name + "' is required"));
    }

    int integer(String name, int fallback, int min, int max) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new Bad("'" + name + "' must be an integer");
        }
        int n = v.asInt();
        if (n < min || n > max) {
            throw new Bad("'" + name + "' must be between " + min + " and " + max);
        }
        return n;
    }

    Optional<ObjectNode> object(String name) {
        JsonNode v = values.get(name);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isObject()) {
            throw new Bad("'" + name + "' must be an object");
        }
        return Optional.of((ObjectNode) v);
    }

    ObjectNode all() {
        return values.deepCopy();
    }
}
