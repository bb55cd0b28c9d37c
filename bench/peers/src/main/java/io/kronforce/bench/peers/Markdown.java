package io.kronforce.bench.peers;

import java.util.ArrayList;
import java.util.List;

/** A Markdown table built row by row. */
final class Markdown {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Markdown(List<String> header) {
        this.header = List.copyOf(header);
    }

    void row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalArgumentException(cells.size() + " cells for " + header.size() + " columns");
        }
        rows.add(List.copyOf(cells));
    }

    String render() {
        StringBuilder out = new StringBuilder();
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        rows.forEach(r -> line(out, r));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ")
                .append(String.join(
                        " | ", cells.stream().map(c -> c.replace("|", "\\|")).toList()))
                .append(" |\n");
    }
}
