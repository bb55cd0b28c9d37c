package io.kronforce.controller.resources;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.regex.Pattern;

/**
 * A trigger value written into a {@code sh -c} command as exactly one word of data: bare when it
 * holds only characters no shell treats specially, otherwise POSIX single-quoted ({@code '} written
 * {@code '\''}). Where the placeholder sits decides the form — outside quotes, inside {@code '…'}
 * or inside {@code "…"} (the double quotes are closed around the single-quoted word) — so a value
 * never ends the author's quotes and nothing in it is expanded. {@code $(…)} and backquotes start a
 * fresh, unquoted level. After a here-document starts ({@code <<} and a line break), quotes no
 * longer protect anything, so a value that needs them is refused there. Stateless.
 */
final class ShellText {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    /** A quoting level: the innermost one decides how a value is written. */
    private enum Level {
        SINGLE,
        DOUBLE,
        /** Outside quotes, in {@code $(…)} or {@code (…)}. */
        PAREN,
        BACKQUOTE
    }

    private ShellText() {}

    /**
     * {@code value} as it must be written after {@code before} (the command so far) to stay one
     * word; null when no quoting can make it data there (a here-document's body).
     */
    static String insert(CharSequence before, String value) {
        if (SAFE.matcher(value).matches()) {
            return value;
        }
        if (inHereDocument(before)) {
            return null;
        }
        String quoted = value.replace("'", "'\\''");
        Level level = innermost(before);
        if (level == Level.SINGLE) {
            return quoted;
        }
        return level == Level.DOUBLE ? "\"'" + quoted + "'\"" : "'" + quoted + "'";
    }

    /** The innermost quoting level open at the end of {@code text}; null outside everything. */
    private static Level innermost(CharSequence text) {
        Deque<Level> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            Level top = open.peek();
            boolean substitution = c == '$' && i + 1 < text.length() && text.charAt(i + 1) == '(';
            if (top == Level.SINGLE) {
                if (c == '\'') {
                    open.pop();
                }
            } else if (c == '\\') {
                i++; // an escaped character, in or out of double quotes
            } else if (substitution) {
                open.push(Level.PAREN);
                i++;
            } else if (c == '`') {
                if (top == Level.BACKQUOTE) {
                    open.pop();
                } else {
                    open.push(Level.BACKQUOTE);
                }
            } else if (top == Level.DOUBLE) {
                if (c == '"') {
                    open.pop();
                }
            } else if (c == '\'') {
                open.push(Level.SINGLE);
            } else if (c == '"') {
                open.push(Level.DOUBLE);
            } else if (c == '(') {
                open.push(Level.PAREN);
            } else if (c == ')' && top == Level.PAREN) {
                open.pop();
            }
        }
        return open.peek();
    }

    /** Whether a line break follows a {@code <<} (not {@code <<<}) outside quotes: possibly a here-document body. */
    private static boolean inHereDocument(CharSequence text) {
        String s = text.toString();
        int at = s.indexOf("<<");
        while (at >= 0) {
            boolean hereString = s.startsWith("<<<", at);
            if (!hereString
                    && innermost(s.substring(0, at)) != Level.SINGLE
                    && innermost(s.substring(0, at)) != Level.DOUBLE
                    && s.indexOf('\n', at) >= 0) {
                return true;
            }
            at = s.indexOf("<<", at + (hereString ? 3 : 2));
        }
        return false;
    }
}
