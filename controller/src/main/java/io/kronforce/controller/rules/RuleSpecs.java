package io.kronforce.controller.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.InvalidPathException;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates the {@code output_rules} job field and returns it in upstream's stored shape. JSON of
 * the wrong type, a missing required member or an unknown {@code target} is 422 {@code
 * WRONG_SHAPE} (upstream's extractor would refuse it); a pattern that cannot work, an unknown
 * extraction type, a bad variable name or forward URL is 400 with a JSON pointer to the member.
 * Stateless and thread-safe.
 */
public final class RuleSpecs {
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9_]{1,255}");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FIELD = "output_rules";

    private RuleSpecs() {}

    /**
     * The stored form: the three lists always present, {@code target} only when {@code output},
     * absent optional members left out, unknown members dropped. Null or JSON null stays null.
     *
     * @throws KronforceException.InvalidInput as described on the class
     */
    public static JsonNode normalize(JsonNode rules) {
        if (rules == null || rules.isNull()) {
            return NODES.nullNode();
        }
        shape(rules.isObject(), FIELD, "an object");
        ObjectNode out = NODES.objectNode();
        out.set("extractions", list(rules, "extractions", RuleSpecs::extraction));
        out.set("triggers", list(rules, "triggers", RuleSpecs::trigger));
        out.set("assertions", list(rules, "assertions", RuleSpecs::assertion));
        String url = optionalText(rules, FIELD, "forward_url");
        if (url != null) {
            out.put("forward_url", forwardUrl(url));
        }
        return out;
    }

    private static ArrayNode list(JsonNode rules, String member, BiFunction<JsonNode, String, ObjectNode> entry) {
        ArrayNode out = NODES.arrayNode();
        JsonNode v = rules.get(member);
        if (v == null || v.isNull()) {
            return out;
        }
        String at = FIELD + "/" + member;
        shape(v.isArray(), at, "an array");
        for (int i = 0; i < v.size(); i++) {
            shape(v.get(i).isObject(), at + "/" + i, "an object");
            out.add(entry.apply(v.get(i), at + "/" + i));
        }
        return out;
    }

    private static ObjectNode extraction(JsonNode x, String at) {
        ObjectNode out = NODES.objectNode();
        out.put("name", requiredText(x, at, "name"));
        String pattern = requiredText(x, at, "pattern");
        String type = requiredText(x, at, "type");
        String variable = optionalText(x, at, "write_to_variable");
        String target = optionalText(x, at, "target");
        shape(
                target == null || target.equals("variable") || target.equals("output"),
                at + "/target",
                "\"variable\" or \"output\"");
        if (x.get("name").asText().isEmpty()) {
            throw new KronforceException.InvalidInput("/" + at + "/name", "extraction name must not be empty");
        }
        checkPattern(pattern, type, at);
        if (variable != null && !VARIABLE_NAME.matcher(variable).matches()) {
            throw new KronforceException.InvalidInput(
                    "/" + at + "/write_to_variable", "write_to_variable must match [A-Za-z0-9_]+");
        }
        out.put("pattern", pattern).put("type", type);
        if (variable != null) {
            out.put("write_to_variable", variable);
        }
        if ("output".equals(target)) {
            out.put("target", target);
        }
        return out;
    }

    private static void checkPattern(String pattern, String type, String at) {
        if (pattern.length() > Patterns.MAX_PATTERN_CHARS) {
            throw new KronforceException.InvalidInput(
                    "/" + at + "/pattern", "pattern is longer than " + Patterns.MAX_PATTERN_CHARS + " characters");
        }
        try {
            switch (type) {
                case "regex" -> Patterns.compile(pattern);
                case "jsonpath" -> JsonPaths.compile(pattern);
                default ->
                    throw new KronforceException.InvalidInput(
                            "/" + at + "/type", "unknown extraction type '" + type + "' (regex or jsonpath)");
            }
        } catch (PatternSyntaxException e) {
            throw new KronforceException.InvalidInput(
                    "/" + at + "/pattern", "invalid regular expression: " + e.getDescription());
        } catch (InvalidPathException e) {
            throw new KronforceException.InvalidInput("/" + at + "/pattern", "invalid JSONPath: " + e.getMessage());
        }
    }

    private static ObjectNode trigger(JsonNode t, String at) {
        return NODES.objectNode()
                .put("pattern", requiredText(t, at, "pattern"))
                .put("severity", requiredText(t, at, "severity"));
    }

    private static ObjectNode assertion(JsonNode a, String at) {
        ObjectNode out = NODES.objectNode().put("pattern", requiredText(a, at, "pattern"));
        String message = optionalText(a, at, "message");
        if (message != null) {
            out.put("message", message);
        }
        return out;
    }

    private static String forwardUrl(String url) {
        try {
            URI uri = new URI(url);
            boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (web && uri.getHost() != null && url.length() <= 2048) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below with the other malformed URLs
        }
        throw new KronforceException.InvalidInput(
                "/" + FIELD + "/forward_url", "forward_url must be an http or https URL with a host");
    }

    private static String requiredText(JsonNode node, String at, String member) {
        JsonNode v = node.get(member);
        shape(v != null && v.isTextual(), at + "/" + member, "a string");
        return v.asText();
    }

    private static String optionalText(JsonNode node, String at, String member) {
        JsonNode v = node.get(member);
        if (v == null || v.isNull()) {
            return null;
        }
        shape(v.isTextual(), at + "/" + member, "a string");
        return v.asText();
    }

    private static void shape(boolean ok, String path, String expected) {
        if (!ok) {
            String field = path.replace('/', '.');
            throw new KronforceException.InvalidInput(
                    ProblemType.WRONG_SHAPE,
                    field + " must be " + expected,
                    List.of(new KronforceException.FieldError("/" + path, "must be " + expected)));
        }
    }
}
