package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code {{params.NAME}}} and {@code {{NAME}}} in every string of a task document.
 * Works on the JSON tree, so a value with quotes or backslashes cannot break the document.
 * Placeholders the lookup does not know are collected, not replaced.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(params\\.)?([A-Za-z0-9_]+)}}");

    private Placeholders() {}

    /** The outcome: the new document and the placeholders that stayed unresolved. */
    public record Resolution(ObjectNode task, Set<String> unresolved) {}

    /**
     * @param params the trigger's params object (may be null)
     * @param variables lookup of variable values; null means "leave this placeholder as it is"
     * @param keepAsIs names to leave in place without counting them unresolved (secrets in snapshots)
     */
    public static Resolution resolve(
            ObjectNode task, JsonNode params, Function<String, String> variables, Set<String> keepAsIs) {
        Set<String> unresolved = new LinkedHashSet<>();
        ObjectNode copy = task.deepCopy();
        walk(copy, text -> substitute(text, params, variables, keepAsIs, unresolved));
        return new Resolution(copy, unresolved);
    }

    private static String substitute(
            String text,
            JsonNode params,
            Function<String, String> variables,
            Set<String> keepAsIs,
            Set<String> unresolved) {
        if (!text.contains("{{")) {
            return text; // most strings of most tasks: no matcher, no copy
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2);
            String value = m.group(1) != null ? param(params, name) : variables.apply(name);
            if (value == null && m.group(1) == null && keepAsIs.contains(name)) {
                value = m.group();
            } else if (value == null) {
                unresolved.add(m.group());
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String param(JsonNode params, String name) {
        if (params == null || !params.has(name)) {
            return null;
        }
        JsonNode v = params.get(name);
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** Replaces each string with its edit; an edit that returns the very same string leaves the node alone. */
    private static void walk(JsonNode node, Function<String, String> edit) {
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> f : object.properties()) {
                if (f.getValue().isTextual()) {
                    String text = f.getValue().asText();
                    String edited = edit.apply(text);
                    if (edited != text) {
                        f.setValue(TextNode.valueOf(edited));
                    }
                } else {
                    walk(f.getValue(), edit);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    String text = array.get(i).asText();
                    String edited = edit.apply(text);
                    if (edited != text) {
                        array.set(i, TextNode.valueOf(edited));
                    }
                } else {
                    walk(array.get(i), edit);
                }
            }
        }
    }
}
