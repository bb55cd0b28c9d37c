package io.kronforce.controller.portability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An export document as an import reads it (docs/reference/rest.md#the-export-document): each
 * section it has, of the type the format gives it. A section of the wrong type refuses the whole
 * document (422, as any body of the wrong shape); a bad item inside a section is that item's
 * refusal, decided later. Sections upstream writes that are never imported (agents, templates,
 * API keys) are counted so the answer can list them; unknown members are ignored, as upstream does.
 */
record ImportDocument(
        List<JsonNode> jobs,
        List<JsonNode> groups,
        Map<String, JsonNode> settings,
        List<JsonNode> variables,
        List<JsonNode> connections,
        List<JsonNode> scripts,
        Map<String, Integer> ignored) {
    static final List<String> IGNORED = List.of("agents", "templates", "api_keys");
    private static final int NEWEST_VERSION = 2;

    static ImportDocument read(ObjectNode body) {
        JsonNode version = body.get("export_version");
        if (version != null && !version.isNull()) {
            if (!version.canConvertToInt()) {
                throw wrongShape("export_version", "an integer");
            }
            if (version.asInt() < 1 || version.asInt() > NEWEST_VERSION) {
                throw new KronforceException.InvalidInput(
                        "/export_version",
                        "export_version " + version.asInt() + " is not supported (1 to " + NEWEST_VERSION + ")");
            }
        }
        Map<String, Integer> ignored = new LinkedHashMap<>();
        for (String section : IGNORED) {
            int n = array(body, section).size();
            if (n > 0) {
                ignored.put(section, n);
            }
        }
        return new ImportDocument(
                array(body, "jobs"),
                array(body, "groups"),
                object(body, "settings"),
                array(body, "variables"),
                array(body, "connections"),
                array(body, "scripts"),
                ignored);
    }

    private static List<JsonNode> array(ObjectNode body, String section) {
        JsonNode v = body.get(section);
        List<JsonNode> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw wrongShape(section, "an array");
        }
        v.forEach(out::add);
        return out;
    }

    private static Map<String, JsonNode> object(ObjectNode body, String section) {
        JsonNode v = body.get(section);
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isObject()) {
            throw wrongShape(section, "an object");
        }
        v.properties().forEach(f -> out.put(f.getKey(), f.getValue()));
        return out;
    }

    private static KronforceException wrongShape(String member, String expected) {
        return new KronforceException.InvalidInput(
                ProblemType.WRONG_SHAPE,
                member + " must be " + expected,
                List.of(new KronforceException.FieldError("/" + member, "must be " + expected)));
    }
}
