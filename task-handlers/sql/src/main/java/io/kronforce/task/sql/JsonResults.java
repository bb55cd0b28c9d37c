package io.kronforce.task.sql;

import io.kronforce.task.JsonText;
import java.math.BigDecimal;
import java.util.List;

/**
 * Renders statement results as one JSON document, for output rules that extract with JSONPath:
 * {@code {"results":[{"columns":[…],"rows":[{…}],"row_count":N,"truncated":false},{"update_count":N}]}}.
 * Rows are objects keyed by column label (a repeated label keeps its last value; alias columns
 * to avoid that). Written by hand: the handler needs nothing else from a JSON library.
 */
final class JsonResults {

    private JsonResults() {}

    static String render(List<StatementResult> results) {
        StringBuilder out = new StringBuilder("{\"results\":[");
        for (int i = 0; i < results.size(); i++) {
            out.append(i == 0 ? "" : ",");
            switch (results.get(i)) {
                case StatementResult.Rows rows -> rows(rows, out);
                case StatementResult.UpdateCount n ->
                    out.append("{\"update_count\":").append(n.count()).append('}');
            }
        }
        return out.append("]}\n").toString();
    }

    private static void rows(StatementResult.Rows result, StringBuilder out) {
        out.append("{\"columns\":[");
        for (int c = 0; c < result.columns().size(); c++) {
            out.append(c == 0 ? "" : ",");
            JsonText.appendString(out, result.columns().get(c));
        }
        out.append("],\"rows\":[");
        for (int r = 0; r < result.rows().size(); r++) {
            out.append(r == 0 ? "{" : ",{");
            List<Object> row = result.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                out.append(c == 0 ? "" : ",");
                JsonText.appendString(out, result.columns().get(c));
                out.append(':');
                value(row.get(c), out);
            }
            out.append('}');
        }
        out.append("],\"row_count\":")
                .append(result.rows().size())
                .append(",\"truncated\":")
                .append(result.truncated())
                .append('}');
    }

    private static void value(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d.toPlainString());
            case Number n -> out.append(n);
            default -> JsonText.appendString(out, value.toString());
        }
    }
}
