package io.kronforce.task.sql;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders statement results the way psql does: a header, a rule, aligned rows (numbers
 * right-aligned), and a row count. Line breaks and tabs inside values are shown escaped so one row
 * stays one line, and very long values are cut, since the table is for people; JSON keeps all.
 */
final class TextTable {

    static final int MAX_CELL_CHARS = 500;

    private TextTable() {}

    static String render(List<StatementResult> results) {
        StringBuilder out = new StringBuilder();
        for (StatementResult result : results) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            switch (result) {
                case StatementResult.Rows rows -> rows(rows, out);
                case StatementResult.UpdateCount n ->
                    out.append(n.count())
                            .append(n.count() == 1 ? " row" : " rows")
                            .append(" affected\n");
            }
        }
        return out.toString();
    }

    private static void rows(StatementResult.Rows result, StringBuilder out) {
        int columns = result.columns().size();
        List<List<String>> cells = new ArrayList<>();
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = width(result.columns().get(c));
        }
        for (List<Object> row : result.rows()) {
            List<String> texts = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                String text = cell(row.get(c));
                texts.add(text);
                widths[c] = Math.max(widths[c], width(text));
            }
            cells.add(texts);
        }
        line(result.columns(), widths, c -> false, out);
        for (int c = 0; c < columns; c++) {
            out.append(c == 0 ? "-" : "+-").append("-".repeat(widths[c])).append('-');
        }
        out.append('\n');
        for (List<String> row : cells) {
            line(row, widths, result.numeric()::get, out);
        }
        int n = result.rows().size();
        out.append('(').append(n).append(n == 1 ? " row" : " rows");
        if (result.truncated()) {
            out.append(" shown; more were not fetched, max_rows is ").append(n);
        }
        out.append(")\n");
    }

    private static void line(
            List<String> texts, int[] widths, java.util.function.IntPredicate rightAligned, StringBuilder out) {
        for (int c = 0; c < texts.size(); c++) {
            String text = texts.get(c);
            String pad = " ".repeat(widths[c] - width(text));
            out.append(c == 0 ? " " : "| ");
            out.append(rightAligned.test(c) ? pad + text : text + pad);
            out.append(c == texts.size() - 1 ? "" : " ");
        }
        // psql pads the last column too; we drop trailing blanks so diffs and copy-paste stay clean
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        out.append('\n');
    }

    private static String cell(Object value) {
        String text = switch (value) {
            case null -> "NULL";
            case BigDecimal d -> d.toPlainString();
            default -> value.toString();
        };
        text = text.replace("\\", "\\\\")
                .replace("\n", "\\n")
                .replace("\r", "\\r")
                .replace("\t", "\\t");
        if (text.codePointCount(0, text.length()) > MAX_CELL_CHARS) {
            text = text.substring(0, text.offsetByCodePoints(0, MAX_CELL_CHARS - 1)) + "…";
        }
        return text;
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}
