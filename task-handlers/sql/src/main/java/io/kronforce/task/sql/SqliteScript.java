package io.kronforce.task.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Splits a SQLite query string into statements. Needed because sqlite-jdbc runs only the first
 * statement of a string, while upstream's {@code sqlite3} CLI ran them all. Semicolons inside
 * quotes ({@code '…'}, {@code "…"}, {@code `…`}, {@code […]}) and comments do not split; comments are dropped. A trigger
 * body holds semicolons of its own, so a string that creates a trigger is run whole, as one statement.
 */
final class SqliteScript {

    private static final Pattern CREATE_TRIGGER = Pattern.compile("\\bCREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b");

    private SqliteScript() {}

    static List<String> split(String query) {
        if (CREATE_TRIGGER.matcher(query.toUpperCase(Locale.ROOT)).find()) {
            return List.of(query);
        }
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        while (i < query.length()) {
            char c = query.charAt(i);
            int end = switch (c) {
                case '\'', '"', '`' -> closing(query, i, c);
                case '[' -> closing(query, i, ']');
                case '-' -> query.startsWith("--", i) ? lineEnd(query, i) : i + 1;
                case '/' -> query.startsWith("/*", i) ? commentEnd(query, i) : i + 1;
                default -> i + 1;
            };
            if (c == ';') {
                add(statements, current);
            } else if (end > i + 1 && (c == '-' || c == '/')) {
                current.append(' '); // comments are dropped, so a trailing one is no empty statement
            } else {
                current.append(query, i, end);
            }
            i = end;
        }
        add(statements, current);
        return List.copyOf(statements);
    }

    /** Index after the quote closing the one at {@code start}; a doubled quote is an escaped one. */
    private static int closing(String s, int start, char quote) {
        int i = start + 1;
        while (i < s.length()) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote && quote != ']') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return s.length();
    }

    private static int lineEnd(String s, int start) {
        int newline = s.indexOf('\n', start);
        return newline < 0 ? s.length() : newline + 1;
    }

    private static int commentEnd(String s, int start) {
        int close = s.indexOf("*/", start + 2);
        return close < 0 ? s.length() : close + 2;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }

    /** How many {@code ?} markers one statement (comments already dropped) holds outside quotes. */
    static int markers(String statement) {
        int count = 0;
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            int end = switch (c) {
                case '\'', '"', '`' -> closing(statement, i, c);
                case '[' -> closing(statement, i, ']');
                default -> i + 1;
            };
            if (c == '?') {
                count++;
            }
            i = end;
        }
        return count;
    }
}
