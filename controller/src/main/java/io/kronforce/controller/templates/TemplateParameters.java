package io.kronforce.controller.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.jobs.Parameters;
import io.kronforce.controller.jobs.SpecFields;
import io.kronforce.controller.resources.Placeholders;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Fills a template's {@code {{params.NAME}}} placeholders with the values given when a job is made
 * from it. A declared parameter (the definition's {@code parameters}) takes a value of its type and
 * its declaration leaves the new job, since the value is now part of it; an undeclared name must
 * appear as a placeholder, so a typo is a 400 rather than a silently unused value. Parameters not
 * given stay run-time parameters of the job, declared as before. Stateless.
 */
final class TemplateParameters {
    private TemplateParameters() {}

    /** {@code definition} with {@code params} filled in; {@code params} null or empty leaves it as it is. */
    static ObjectNode fill(ObjectNode definition, JsonNode params) {
        if (params == null || params.isNull()) {
            return definition;
        }
        SpecFields.requireType(params.isObject(), "params", "an object");
        ArrayNode declared = definition.get("parameters") instanceof ArrayNode a ? a : null;
        ObjectNode values = JsonNodeFactory.instance.objectNode();
        Set<String> filled = new HashSet<>();
        for (Map.Entry<String, JsonNode> p : params.properties()) {
            if (p.getValue().isNull()) {
                continue;
            }
            JsonNode declaration = declaration(declared, p.getKey());
            if (declaration != null) {
                ArrayNode one = JsonNodeFactory.instance.arrayNode().add(declaration);
                values.setAll((ObjectNode) Parameters.apply(
                        one, JsonNodeFactory.instance.objectNode().set(p.getKey(), p.getValue())));
            } else if (definition.toString().contains("{{params." + p.getKey() + "}}")) {
                if (!p.getValue().isValueNode()) {
                    throw invalid(p.getKey(), "parameter '" + p.getKey() + "' must be a string, number or boolean");
                }
                values.set(p.getKey(), p.getValue());
            } else {
                throw invalid(
                        p.getKey(),
                        "unknown parameter '" + p.getKey() + "': the template neither declares it nor uses {{params."
                                + p.getKey() + "}}");
            }
            filled.add(p.getKey());
        }
        ObjectNode out = Placeholders.resolve(definition, values, name -> null).task();
        if (declared != null) {
            ArrayNode left = JsonNodeFactory.instance.arrayNode();
            declared.forEach(d -> {
                if (!filled.contains(d.path("name").asText())) {
                    left.add(d);
                }
            });
            if (left.isEmpty()) {
                out.remove("parameters");
            } else {
                out.set("parameters", left);
            }
        }
        return out;
    }

    private static JsonNode declaration(ArrayNode declared, String name) {
        if (declared == null) {
            return null;
        }
        for (JsonNode d : declared) {
            if (d.isObject() && name.equals(d.path("name").asText())) {
                return d;
            }
        }
        return null;
    }

    private static KronforceException invalid(String name, String message) {
        return new KronforceException.InvalidInput("/params/" + name, message);
    }
}
