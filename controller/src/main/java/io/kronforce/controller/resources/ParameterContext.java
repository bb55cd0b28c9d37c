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
 * percent-encoded in a URL or a connection string, a JSON literal in a JSON body held as text, a
 * header value only without line breaks, a {@code dockerfile} word only when it is one plain token,
 * and as it is everywhere else (message payloads, nested objects: text that nothing parses as
 * code). Variables are the operator's own text and are written as they are.
 */
enum ParameterContext {
    SHELL,
    SCRIPT,
    SQL,
    URL,
    JSON,
    HEADER,
    TOKEN,
    TEXT;

    /** A Dockerfile mixes instructions and shell: only an image tag, a version or a name is taken there. */
    private static final java.util.regex.Pattern PLAIN_TOKEN = java.util.regex.Pattern.compile("[A-Za-z0-9._:/@+=-]*");

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
        if (field.equals("url") || field.endsWith("_url") || field.equals("connection_string")) {
            return URL;
        }
        if (type.equals("docker_build") && field.equals("dockerfile")) {
            return TOKEN;
        }
        if (BODIES.contains(field) && JsonText.looksLikeJson(template)) {
            return JSON;
        }
        return TEXT;
    }

    /**
     * The text to write for {@code value} after {@code before} (the field so far); for {@link #SQL}
     * a {@code ?}, the value going to {@code binds}. Null when the value cannot be written there as
     * data (a SQL literal or comment, a shell here-document, a line break in a header, anything but a
     * plain token in a Dockerfile).
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
            // A line break in a header value would start another header (or the body) of the request.
            case HEADER -> text(value).chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0) ? null : text(value);
            case TOKEN -> PLAIN_TOKEN.matcher(text(value)).matches() ? text(value) : null;
            case TEXT -> text(value);
        };
    }

    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
