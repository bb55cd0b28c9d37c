package io.kronforce.controller.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.resources.ConnectionTypes;
import io.kronforce.controller.resources.Variables;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Upstream stored each run's task after substitution, so its execution history holds secret values
 * in clear. Ours stores the placeholder. This puts {@code {{NAME}}} back for each secret variable
 * we could open, and the mask for connection secrets; output gets the mask for both, as a live run's
 * output would. Values shorter than 3 characters are left alone, as the live mask leaves them.
 */
final class SecretScrub {
    private static final int MIN_LENGTH = 3;
    // Longest first, so a secret that contains another is replaced whole.
    private final Map<String, String> inSnapshot = new LinkedHashMap<>();
    private final Map<String, String> inOutput = new LinkedHashMap<>();

    void variable(String name, String value) {
        add(value, "{{" + name + "}}");
    }

    /** The secret members a connection's type declares (passwords, tokens, connection strings, header values...). */
    void connection(String type, JsonNode config) {
        ConnectionTypes.secrets(type).values(config).forEach(v -> add(v, Variables.MASK));
    }

    private void add(String value, String replacement) {
        if (value != null && value.length() >= MIN_LENGTH) {
            // In the snapshot the value sits inside JSON strings: match its escaped form.
            String escaped = TextNode.valueOf(value).toString();
            inSnapshot.put(escaped.substring(1, escaped.length() - 1), replacement);
            inOutput.put(value, Variables.MASK);
        }
    }

    String snapshot(String json) {
        return replaceAll(json, inSnapshot);
    }

    String output(String text) {
        return replaceAll(text, inOutput);
    }

    private static String replaceAll(String text, Map<String, String> replacements) {
        if (text == null || replacements.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, String> e : replacements.entrySet().stream()
                .sorted(Comparator.comparingInt(
                                (Map.Entry<String, String> x) -> x.getKey().length())
                        .reversed())
                .toList()) {
            out = out.replace(e.getKey(), e.getValue());
        }
        return out;
    }
}
