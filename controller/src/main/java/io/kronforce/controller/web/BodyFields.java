package io.kronforce.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.util.List;

/** Members of a request body read with the answer every endpoint gives for a missing or mistyped one. */
public final class BodyFields {
    private BodyFields() {}

    /** A string member; null when absent and not {@code required}. */
    public static String text(ObjectNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new KronforceException.InvalidInput("/" + field, field + " is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw wrongType(field, "a string");
        }
        return v.asText();
    }

    /** The problem for a member of the wrong JSON type: {@code wrong-shape}, pointing at the member. */
    public static KronforceException wrongType(String field, String expected) {
        return new KronforceException.InvalidInput(
                ProblemType.WRONG_SHAPE,
                field + " must be " + expected,
                List.of(new KronforceException.FieldError("/" + field, "must be " + expected)));
    }
}
