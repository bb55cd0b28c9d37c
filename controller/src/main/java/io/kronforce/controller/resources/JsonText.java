package io.kronforce.controller.resources;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A trigger value written into a JSON document held as text (an HTTP body): inside a string
 * literal it is escaped, elsewhere it becomes a literal of its own — a JSON string, or the number
 * or boolean a declared parameter holds — so it can add no member, element or structure. Stateless.
 */
final class JsonText {
    private JsonText() {}

    /** Whether a string field holding {@code template} is a JSON document (an object or array). */
    static boolean looksLikeJson(String template) {
        String t = template.strip();
        return t.startsWith("{") || t.startsWith("[");
    }

    static String insert(CharSequence before, JsonNode value) {
        if (inString(before)) {
            return escaped(text(value));
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.toString();
        }
        return "\"" + escaped(text(value)) + "\"";
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static String escaped(String s) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(s));
    }

    private static boolean inString(CharSequence text) {
        boolean in = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (in && c == '\\') {
                i++;
            } else if (c == '"') {
                in = !in;
            }
        }
        return in;
    }
}
