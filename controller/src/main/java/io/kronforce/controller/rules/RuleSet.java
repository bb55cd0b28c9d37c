package io.kronforce.controller.rules;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's output rules, parsed from the stored (already validated) {@code output_rules} tree.
 * Parsing is lenient, because rows written before validation existed may hold anything: an entry
 * whose fields are not strings is skipped rather than failing the run. Immutable.
 *
 * @param forwardUrl where to POST the result; null for none
 */
public record RuleSet(
        List<Extraction> extractions, List<Trigger> triggers, List<Assertion> assertions, String forwardUrl) {
    public static final RuleSet NONE = new RuleSet(List.of(), List.of(), List.of(), null);

    public RuleSet {
        extractions = List.copyOf(extractions);
        triggers = List.copyOf(triggers);
        assertions = List.copyOf(assertions);
    }

    /** Where an extracted value goes besides the execution's {@code extracted} map. */
    public enum Target {
        VARIABLE,
        OUTPUT
    }

    /** {@code type} is kept as written; an unknown one extracts nothing (upstream). */
    public record Extraction(String name, String pattern, String type, String writeToVariable, Target target) {}

    public record Trigger(String pattern, String severity) {}

    /** @param message null for the default message */
    public record Assertion(String pattern, String message) {}

    public boolean isEmpty() {
        return extractions.isEmpty() && triggers.isEmpty() && assertions.isEmpty() && forwardUrl == null;
    }

    /** Parses a stored {@code output_rules} value; null, JSON null or a non-object give {@link #NONE}. */
    public static RuleSet from(JsonNode rules) {
        if (rules == null || !rules.isObject()) {
            return NONE;
        }
        List<Extraction> extractions = new ArrayList<>();
        List<Trigger> triggers = new ArrayList<>();
        List<Assertion> assertions = new ArrayList<>();
        for (JsonNode x : rules.path("extractions")) {
            if (texts(x, "name", "pattern", "type")) {
                extractions.add(new Extraction(
                        x.get("name").asText(),
                        x.get("pattern").asText(),
                        x.get("type").asText(),
                        text(x, "write_to_variable"),
                        "output".equals(text(x, "target")) ? Target.OUTPUT : Target.VARIABLE));
            }
        }
        for (JsonNode t : rules.path("triggers")) {
            if (texts(t, "pattern", "severity")) {
                triggers.add(
                        new Trigger(t.get("pattern").asText(), t.get("severity").asText()));
            }
        }
        for (JsonNode a : rules.path("assertions")) {
            if (texts(a, "pattern")) {
                assertions.add(new Assertion(a.get("pattern").asText(), text(a, "message")));
            }
        }
        return new RuleSet(extractions, triggers, assertions, text(rules, "forward_url"));
    }

    private static boolean texts(JsonNode node, String... fields) {
        for (String f : fields) {
            if (!node.path(f).isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node, String field) {
        return node.path(field).isTextual() ? node.get(field).asText() : null;
    }
}
