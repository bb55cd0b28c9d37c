package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Times;
import java.util.List;

/**
 * Reads one optional field of a request body as the type it must have. Every use case that takes
 * JSON shares these, so a wrong JSON type is always a 422 naming the field (as upstream's
 * extractor) and a missing one always falls back the same way.
 */
public final class SpecFields {
    private SpecFields() {}

    public static void requireType(boolean ok, String field, String expected) {
        if (!ok) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    field + " must be " + expected,
                    List.of(new KronforceException.FieldError("/" + field, "must be " + expected)));
        }
    }

    /** One of {@code allowed}; the first is the default. */
    static String choice(JsonNode v, String field, List<String> allowed) {
        if (v == null || v.isNull()) {
            return allowed.get(0);
        }
        requireType(v.isTextual(), field, "a string");
        if (!allowed.contains(v.asText())) {
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    "unknown " + field + " '" + v.asText() + "'",
                    List.of(new KronforceException.FieldError("/" + field, String.join(" or ", allowed))));
        }
        return v.asText();
    }

    /** An RFC 3339 timestamp, stored in the one canonical form. */
    static JsonNode timestamp(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), field, "an RFC 3339 string");
        long ms = Times.parse(v.asText())
                .orElseThrow(() ->
                        new KronforceException.InvalidInput("/" + field, field + " is not an RFC 3339 timestamp"));
        return JsonNodeFactory.instance.textNode(Times.format(ms));
    }

    static JsonNode optionalText(JsonNode in, String field, int max) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isTextual(), field, "a string");
        if (v.asText().length() > max) {
            throw new KronforceException.InvalidInput("/" + field, field + " is longer than " + max + " characters");
        }
        return v;
    }

    static JsonNode optionalObject(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isObject(), field, "an object");
        return v.deepCopy();
    }

    static JsonNode positiveInt(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        requireType(v.isIntegralNumber() && v.canConvertToInt(), field, "a whole number");
        if (v.asInt() < 1) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be at least 1");
        }
        return v;
    }

    static int intAtLeast(JsonNode in, String field, int min, int fallback) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        requireType(v.isIntegralNumber() && v.canConvertToInt(), field, "a whole number");
        if (v.asInt() < min) {
            throw new KronforceException.InvalidInput("/" + field, field + " must be at least " + min);
        }
        return v.asInt();
    }

    static boolean bool(JsonNode in, String field) {
        JsonNode v = in.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        requireType(v.isBoolean(), field, "true or false");
        return v.asBoolean();
    }
}
