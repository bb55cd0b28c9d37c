package io.kronforce.task;

/**
 * JSON string literals for modules that write small JSON documents by hand and must stay free of
 * a JSON library (this SPI, the notifier SPI, handlers that print JSON).
 */
public final class JsonText {
    private JsonText() {}

    /** Appends {@code text} as a quoted, escaped JSON string. */
    public static void appendString(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    // U+2028/2029 are legal JSON but break JavaScript consumers; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
