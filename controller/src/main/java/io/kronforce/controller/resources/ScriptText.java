package io.kronforce.controller.resources;

/**
 * A trigger value written into a {@code script} task's JavaScript as a string, never as code:
 * outside quotes a complete string literal, inside the script's own {@code '…'}, {@code "…"} or
 * {@code `…`} the characters escaped for that literal (a template literal's {@code ${} included),
 * inside a comment a literal that cannot end the comment. Line terminators (U+2028 and U+2029
 * too) are always escaped, so a value cannot start a line of code. Stateless.
 */
final class ScriptText {
    private enum Where {
        CODE,
        SINGLE,
        DOUBLE,
        TEMPLATE,
        LINE_COMMENT,
        BLOCK_COMMENT
    }

    private ScriptText() {}

    static String insert(CharSequence before, String value) {
        String escaped = escape(value);
        return switch (where(before)) {
            case SINGLE -> escaped.replace("'", "\\'");
            case DOUBLE -> escaped.replace("\"", "\\\"");
            case TEMPLATE -> escaped.replace("`", "\\`").replace("$", "\\$");
            case LINE_COMMENT, BLOCK_COMMENT ->
                "\"" + escaped.replace("\"", "\\\"").replace("/", "\\/") + "\"";
            case CODE -> "\"" + escaped.replace("\"", "\\\"") + "\"";
        };
    }

    /** Backslashes and every control or line-terminating character as escapes; quotes left to the caller. */
    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Where where(CharSequence text) {
        Where w = Where.CODE;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            switch (w) {
                case CODE -> {
                    if (c == '/' && next == '/') {
                        w = Where.LINE_COMMENT;
                        i++;
                    } else if (c == '/' && next == '*') {
                        w = Where.BLOCK_COMMENT;
                        i++;
                    } else if (c == '\'') {
                        w = Where.SINGLE;
                    } else if (c == '"') {
                        w = Where.DOUBLE;
                    } else if (c == '`') {
                        w = Where.TEMPLATE;
                    }
                }
                case SINGLE, DOUBLE, TEMPLATE -> {
                    if (c == '\\') {
                        i++;
                    } else if (c == (w == Where.SINGLE ? '\'' : w == Where.DOUBLE ? '"' : '`')) {
                        w = Where.CODE;
                    }
                }
                case LINE_COMMENT -> {
                    if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                        w = Where.CODE;
                    }
                }
                case BLOCK_COMMENT -> {
                    if (c == '*' && next == '/') {
                        w = Where.CODE;
                        i++;
                    }
                }
            }
        }
        return w;
    }
}
