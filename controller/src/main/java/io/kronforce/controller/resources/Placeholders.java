package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes {@code {{params.NAME}}} and {@code {{NAME}}} in every string of a task document, in
 * ONE pass over the document's own text: what a value brings is never scanned again, so a trigger
 * value that reads {@code {{DB_PASS}}} stays those characters. Parameter values are written as
 * data for the field they land in ({@link ParameterContext}: shell-quoted, bound in SQL, URL- or
 * JSON-encoded); a {@code sql} query's bound values go to the task's {@code bind} array. Works on
 * the JSON tree, so no value can break the document. Placeholders the lookup does not know are
 * collected, not replaced.
 */
public final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(params\\.)?([A-Za-z0-9_]+)}}");

    private Placeholders() {}

    /**
     * The outcome: the new document, the placeholders that stayed unresolved and the parameters
     * that could not be written where they stand (a SQL placeholder inside a literal or comment).
     */
    public record Resolution(ObjectNode task, Set<String> unresolved, List<String> refused) {}

    /**
     * @param params the trigger's params object (may be null)
     * @param variables lookup of variable values; null means "no such variable"
     */
    public static Resolution resolve(ObjectNode task, JsonNode params, Function<String, String> variables) {
        Set<String> unresolved = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        List<JsonNode> binds = new ArrayList<>();
        ObjectNode copy = task.deepCopy();
        for (Map.Entry<String, JsonNode> f : copy.properties()) {
            JsonNode v = f.getValue();
            if (v.isTextual()) {
                String text = v.asText();
                ParameterContext context = ParameterContext.of(task, f.getKey(), text);
                String edited = substitute(text, context, params, variables, unresolved, refused, binds);
                if (edited != text) {
                    f.setValue(TextNode.valueOf(edited));
                }
            } else {
                ParameterContext nested =
                        f.getKey().equals("headers") ? ParameterContext.HEADER : ParameterContext.TEXT;
                walk(v, text -> substitute(text, nested, params, variables, unresolved, refused, binds));
            }
        }
        if (!binds.isEmpty()) {
            ArrayNode bind = copy.putArray("bind");
            binds.forEach(bind::add);
        }
        return new Resolution(copy, unresolved, List.copyOf(refused));
    }

    private static String substitute(
            String text,
            ParameterContext context,
            JsonNode params,
            Function<String, String> variables,
            Set<String> unresolved,
            List<String> refused,
            List<JsonNode> binds) {
        if (!text.contains("{{")) {
            return text; // most strings of most tasks: no matcher, no copy
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(text, last, m.start());
            last = m.end();
            String name = m.group(2);
            String value;
            if (m.group(1) != null) {
                JsonNode p = params == null ? null : params.get(name);
                value = p == null ? null : context.write(out, p, binds);
                if (p != null && value == null) {
                    refused.add(m.group());
                    value = m.group();
                }
            } else {
                value = variables.apply(name);
            }
            if (value == null) {
                unresolved.add(m.group());
                value = m.group();
            }
            out.append(value);
        }
        out.append(text, last, text.length());
        return out.toString();
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
