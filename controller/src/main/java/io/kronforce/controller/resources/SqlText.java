package io.kronforce.controller.resources;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a placeholder sits in a SQL query: a trigger value is never written into SQL, it becomes a
 * {@code ?} bound to the statement, which only works where a value may stand — outside string
 * literals, quoted identifiers and comments. Knows {@code '…'}, {@code "…"}, {@code `…`},
 * {@code […]}, PostgreSQL {@code $tag$…$tag$}, {@code --} and {@code /*…*\/}. Stateless.
 */
final class SqlText {
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");

    private SqlText() {}

    /** Whether the end of {@code text} is outside every literal, quoted name and comment. */
    static boolean atValuePosition(CharSequence text) {
        String s = text.toString();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int end;
            if (c == '\'' || c == '"' || c == '`') {
                end = s.indexOf(c, i + 1);
            } else if (c == '[') {
                end = s.indexOf(']', i + 1);
            } else if (s.startsWith("--", i)) {
                end = s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                end = s.indexOf("*/", i + 2);
                end = end < 0 ? -1 : end + 1;
            } else if (c == '$') {
                Matcher tag = DOLLAR_TAG.matcher(s).region(i, s.length());
                if (tag.lookingAt()) {
                    int close = s.indexOf(tag.group(), tag.end());
                    end = close < 0 ? -1 : close + tag.group().length() - 1;
                } else {
                    end = i;
                }
            } else {
                end = i;
            }
            if (end < 0) {
                return false; // still open at the placeholder
            }
            i = end + 1; // a doubled quote ('it''s') reads as two literals back to back: same outcome
        }
        return true;
    }
}
