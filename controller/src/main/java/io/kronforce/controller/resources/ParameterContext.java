package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * How a trigger's {@code {{params.NAME}}} value is written into one field of a task, so that it
 * stays data: one shell word in a {@code shell} command, a string in a {@code script} task's
 * JavaScript, a bound {@code ?} in a {@code sql} query,
 * percent-encoded in a URL, a JSON literal in a JSON body held as text, and as it is everywhere
 * else (message payloads, headers, nested objects: text that nothing parses as code). Variables
 * are the operator's own text and are written as they are.
 */
enum ParameterContext {
    SHELL,
    SCRIPT,
    SQL,
    URL,
    JSON,
    TEXT;

    private static final Set<String> BODIES = Set.of("body", "message", "payload");

    /** The context of the top-level string {@code field} of {@code task}, whose text is {@code template}. */
    static ParameterContext of(ObjectNode task, String field, String template) {
        String type = task.path("type").asText("");
        if (type.equals("shell") && field.equals("command")) {
            return SHELL;
        }
        if (type.equals("script") && field.equals("script")) {
            return SCRIPT;
        }
        if (type.equals("sql") && field.equals("query")) {
            return SQL;
        }
        if (field.equals("url") || field.endsWith("_url")) {
            return URL;
        }
        if (BODIES.contains(field) && JsonText.looksLikeJson(template)) {
            return JSON;
        }
        return TEXT;
    }

    /**
     * The text to write for {@code value} after {@code before} (the field so far); for {@link #SQL}
     * a {@code ?}, the value going to {@code binds}. Null when the value cannot be written there as
     * data (a SQL literal or comment, a shell here-document).
     */
    String write(CharSequence before, JsonNode value, List<JsonNode> binds) {
        return switch (this) {
            case SHELL -> ShellText.insert(before, text(value));
            case SCRIPT -> ScriptText.insert(before, text(value));
            case SQL -> {
                if (!SqlText.atValuePosition(before)) {
                    yield null;
                }
                binds.add(value);
                yield "?";
            }
            case URL -> URLEncoder.encode(text(value), StandardCharsets.UTF_8).replace("+", "%20");
            case JSON -> JsonText.insert(before, value);
            case TEXT -> text(value);
        };
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
