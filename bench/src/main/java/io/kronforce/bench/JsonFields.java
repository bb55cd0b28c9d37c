package io.kronforce.bench;

/**
 * Reads one top-level member of a JSON object without a JSON library, so the driver depends on
 * the JDK only. Enough for the few fields the bench needs ({@code id}, {@code total},
 * {@code status}, {@code execution_id}); string escapes are kept as they are.
 */
public final class JsonFields {

    private JsonFields() {}

    /**
     * The value of the top-level member {@code key}: a string without its quotes, or the raw
     * text of a number, literal, object or array; {@code null} when the member is absent.
     */
    public static String get(String json, String key) {
        int depth = 0;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = stringEnd(json, i);
                int colon = skipSpace(json, end + 1);
                boolean isKey = depth == 1 && colon < json.length() && json.charAt(colon) == ':';
                if (isKey && json.substring(i + 1, end).equals(key)) {
                    return value(json, skipSpace(json, colon + 1));
                }
                i = end;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    /** Like {@link #get} but parsed as a long; fails loudly when absent (a contract break). */
    public static long getLong(String json, String key) {
        String value = get(json, key);
        if (value == null) {
            throw new IllegalStateException("no '" + key + "' in " + abbreviate(json));
        }
        return Long.parseLong(value);
    }

    /** The first {@code max} characters of a body, for error messages. */
    public static String abbreviate(String body) {
        int max = 300;
        return body.length() <= max ? body : body.substring(0, max) + "...";
    }

    private static String value(String json, int start) {
        if (start < json.length() && json.charAt(start) == '"') {
            return json.substring(start + 1, stringEnd(json, start));
        }
        int depth = 0;
        int i = start;
        for (; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                i = stringEnd(json, i);
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                break;
            }
        }
        return json.substring(start, i).strip();
    }

    /** Index of the quote closing the string that opens at {@code open}. */
    private static int stringEnd(String json, int open) {
        int i = open + 1;
        while (i < json.length() && json.charAt(i) != '"') {
            i += json.charAt(i) == '\\' ? 2 : 1;
        }
        return i;
    }

    private static int skipSpace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
