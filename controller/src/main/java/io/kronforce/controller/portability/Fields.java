package io.kronforce.controller.portability;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Times;

/** Typed reads of an item's members; a missing or mistyped member is the item's refusal. */
final class Fields {
    private Fields() {}

    static String text(JsonNode item, String field, boolean required) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new KronforceException.InvalidInput("/" + field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be a string");
        }
        return v.asText();
    }

    static boolean bool(JsonNode item, String field) {
        JsonNode v = item.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    /** An RFC 3339 member in epoch milliseconds; null when absent. */
    static Long time(JsonNode item, String field) {
        String v = text(item, field, false);
        if (v == null) {
            return null;
        }
        return Times.parse(v)
                .orElseThrow(() ->
                        new KronforceException.InvalidInput("/" + field, field + " must be an RFC 3339 timestamp"));
    }

    static long time(JsonNode item, String field, long fallback) {
        Long v = time(item, field);
        return v == null ? fallback : v;
    }

    /** The item's name for the answer, when it has a readable one. */
    static String nameOf(JsonNode item, String field) {
        JsonNode v = item.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
