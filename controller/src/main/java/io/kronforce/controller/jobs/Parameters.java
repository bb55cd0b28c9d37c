package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.KronforceException.FieldError;
import io.kronforce.controller.domain.ProblemType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A job's {@code parameters} (docs/reference/data-model.md#jobparameter: {@code name}, {@code param_type} text |
 * number | select | boolean, {@code required}, {@code default}, {@code options},
 * {@code description}): checked when the job is saved, and enforced on the {@code params} of every
 * trigger that carries them. Upstream treats the list as informational and substitutes whatever
 * arrives; here a declared job gets only declared, well-typed values, defaults filled in, so a
 * typo fails the trigger with a 400 naming the parameter instead of a run with a hole in it.
 * A job that declares nothing takes the params its task uses ({@code {{params.NAME}}}) and no
 * others: a public webhook cannot store data the job never reads. Stateless.
 */
public final class Parameters {
    /** Same charset as a {@code {{params.NAME}}} placeholder, so every declared name can be used. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");

    private static final List<String> TYPES = List.of("text", "number", "select", "boolean");

    private Parameters() {}

    /** Validates and normalises the definitions of a job being saved; JSON null when there are none. */
    static JsonNode definitions(JsonNode v) {
        if (v == null || v.isNull()) {
            return JsonNodeFactory.instance.nullNode();
        }
        SpecFields.requireType(v.isArray(), "parameters", "an array");
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < v.size(); i++) {
            ObjectNode def = definition(v.get(i), "parameters/" + i);
            if (!names.add(def.get("name").asText())) {
                throw invalid(
                        "/parameters/" + i + "/name",
                        "parameter '" + def.get("name").asText() + "' is declared twice");
            }
            out.add(def);
        }
        return out;
    }

    private static ObjectNode definition(JsonNode p, String at) {
        SpecFields.requireType(p.isObject(), at, "an object");
        JsonNode name = p.get("name");
        SpecFields.requireType(name != null && name.isTextual(), at + "/name", "a string");
        if (!NAME.matcher(name.asText()).matches()) {
            throw invalid(
                    "/" + at + "/name", "parameter name '" + name.asText() + "' must be 1-64 letters, digits or '_'");
        }
        String type = optional(p, "param_type", at, JsonNode::isTextual, "a string")
                ? p.get("param_type").asText()
                : "text";
        if (!TYPES.contains(type)) {
            throw invalid(
                    "/" + at + "/param_type",
                    "parameter '" + name.asText() + "': param_type must be text, number," + " select or boolean, not '"
                            + type + "'");
        }
        ObjectNode out = JsonNodeFactory.instance
                .objectNode()
                .put("name", name.asText())
                .put("param_type", type)
                .put(
                        "required",
                        optional(p, "required", at, JsonNode::isBoolean, "true or false")
                                && p.get("required").asBoolean());
        if (optional(p, "options", at, Parameters::isTextArray, "an array of strings")) {
            out.set("options", p.get("options").deepCopy());
        }
        if ("select".equals(type) && out.path("options").isEmpty()) {
            throw invalid("/" + at + "/options", "parameter '" + name.asText() + "': a select needs 'options'");
        }
        if (optional(p, "default", at, JsonNode::isValueNode, "a string, number or boolean")) {
            value(out, p.get("default"), "/" + at + "/default");
            out.set("default", p.get("default").deepCopy());
        }
        if (optional(p, "description", at, JsonNode::isTextual, "a string")) {
            out.put("description", p.get("description").asText());
        }
        return out;
    }

    /** Whether an optional member is present (not null); present with the wrong JSON type → 422. */
    private static boolean optional(JsonNode p, String field, String at, Predicate<JsonNode> type, String expected) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        SpecFields.requireType(type.test(v), at + "/" + field, expected);
        return true;
    }

    private static boolean isTextArray(JsonNode v) {
        if (!v.isArray()) {
            return false;
        }
        for (JsonNode o : v) {
            if (!o.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static final Pattern USED = Pattern.compile("\\{\\{params\\.([A-Za-z0-9_]+)}}");

    /**
     * The params a trigger of {@code job} runs with: as {@link #apply} when the job declares
     * parameters; otherwise {@code params} unchanged, once every name in it is one the task uses.
     *
     * @throws KronforceException.InvalidInput (400, {@code undeclared-parameter} for a name the job
     *     neither declares nor uses) naming the first offending parameter
     */
    public static JsonNode forTrigger(Job job, JsonNode params) {
        JsonNode schema = job.spec().parameters();
        if (schema != null && schema.isArray() && !schema.isEmpty()) {
            return apply(schema, params);
        }
        if (params == null || params.isNull() || params.isEmpty()) {
            return params;
        }
        Set<String> used = new TreeSet<>();
        Matcher m = USED.matcher(job.task().toString());
        while (m.find()) {
            used.add(m.group(1));
        }
        params.fieldNames().forEachRemaining(n -> {
            if (!used.contains(n)) {
                throw undeclared(
                        n,
                        "unknown parameter '" + n + "' (this job declares no parameters and its task uses "
                                + (used.isEmpty() ? "none" : String.join(", ", used)) + ")");
            }
        });
        return params;
    }

    /**
     * The params a trigger runs with: {@code params} checked against the job's declared
     * {@code schema} (unknown names, required, type, allowed values) with defaults filled in,
     * in declaration order. Without declarations, {@code params} unchanged (null stays null).
     *
     * @throws KronforceException.InvalidInput (400) naming the first offending parameter
     */
    public static JsonNode apply(JsonNode schema, JsonNode params) {
        if (schema == null || !schema.isArray() || schema.isEmpty()) {
            return params;
        }
        JsonNode given = params == null || params.isNull() ? JsonNodeFactory.instance.objectNode() : params;
        List<String> declared = new ArrayList<>();
        schema.forEach(d -> declared.add(d.path("name").asText()));
        given.fieldNames().forEachRemaining(n -> {
            if (!declared.contains(n)) {
                throw undeclared(
                        n, "unknown parameter '" + n + "' (this job declares: " + String.join(", ", declared) + ")");
            }
        });
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (JsonNode def : schema) {
            String name = def.path("name").asText();
            JsonNode v = given.get(name);
            if (v == null || v.isNull()) {
                v = def.get("default");
            }
            if (v == null) {
                if (def.path("required").asBoolean()) {
                    throw invalid("/params/" + name, "missing required parameter '" + name + "'");
                }
                continue;
            }
            out.set(name, value(def, v, "/params/" + name));
        }
        return out;
    }

    /**
     * The params of a run nobody passed any to (scheduler, cascade, event): the declared defaults,
     * typed; null when the job declares none. A required parameter without a default stays
     * missing, so its placeholder fails the run naming it.
     */
    public static JsonNode defaults(JsonNode schema) {
        if (schema == null || !schema.isArray()) {
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (JsonNode def : schema) {
            if (def.hasNonNull("default")) {
                out.set(def.path("name").asText(), value(def, def.get("default"), "/parameters"));
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** {@code v} as a value of the definition's type, or a 400 naming the parameter. */
    private static JsonNode value(JsonNode def, JsonNode v, String pointer) {
        String name = def.path("name").asText();
        return switch (def.path("param_type").asText("text")) {
            case "number" -> number(v).orElseThrow(() -> invalid(pointer, "parameter '" + name + "' must be a number"));
            case "boolean" ->
                bool(v).orElseThrow(() -> invalid(pointer, "parameter '" + name + "' must be true or false"));
            case "select" -> {
                List<String> options = new ArrayList<>();
                def.path("options").forEach(o -> options.add(o.asText()));
                if (!v.isTextual() || !options.contains(v.asText())) {
                    throw invalid(pointer, "parameter '" + name + "' must be one of " + String.join(", ", options));
                }
                yield v;
            }
            default -> {
                if (!v.isTextual()) {
                    throw invalid(pointer, "parameter '" + name + "' must be text");
                }
                yield v;
            }
        };
    }

    // Numbers and booleans may arrive as text (a webhook sender, a form): read them, store them typed.
    private static Optional<JsonNode> number(JsonNode v) {
        if (v.isNumber()) {
            return Optional.of(v);
        }
        try {
            return v.isTextual()
                    ? Optional.of(JsonNodeFactory.instance.numberNode(
                            new BigDecimal(v.asText().trim())))
                    : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> bool(JsonNode v) {
        if (v.isBoolean()) {
            return Optional.of(v);
        }
        String text = v.isTextual() ? v.asText().trim().toLowerCase(Locale.ROOT) : "";
        return text.equals("true") || text.equals("false")
                ? Optional.of(JsonNodeFactory.instance.booleanNode(text.equals("true")))
                : Optional.empty();
    }

    private static KronforceException undeclared(String name, String message) {
        return new KronforceException.InvalidInput(
                ProblemType.UNDECLARED_PARAMETER, message, List.of(new FieldError("/params/" + name, message)));
    }

    private static KronforceException invalid(String pointer, String message) {
        return new KronforceException.InvalidInput(pointer, message);
    }
}
