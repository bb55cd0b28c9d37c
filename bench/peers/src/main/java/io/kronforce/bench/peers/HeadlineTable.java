package io.kronforce.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * One row per scheduler and store, each workload in that scheduler's best configuration (named in
 * brackets), with the headline figure divided by db-scheduler on SQLite's best from the same run.
 */
final class HeadlineTable {

    /** A workload's headline cell and the figure its ratio is taken on. */
    private record Column(String workload, String header, String ratioFigure, Function<RunGroup, String> cell) {}

    private static final List<Column> COLUMNS = List.of(
            new Column("w1", "W1 exec/s", "execPerSec", g -> figures(g, "execPerSec")),
            new Column(
                    "w2",
                    "W2 enqueue→recorded p50 / p99 ms",
                    "finishP99Ms",
                    g -> figures(g, "finishP50Ms", "finishP99Ms")),
            new Column("w3", "W3 fired · lateness p50 / p99 ms", "latP99Ms", HeadlineTable::cronCell),
            new Column("w4", "W4 ready ms / heap / RSS MB", "rssMB", g -> figures(g, "readyMs", "heapMB", "rssMB")));

    private final RunSet runs;

    HeadlineTable(RunSet runs) {
        this.runs = runs;
    }

    String render() {
        List<String> header = new ArrayList<>(List.of("scheduler", "store"));
        for (Column column : COLUMNS) {
            header.add(column.header());
            header.add("÷ db-scheduler");
        }
        Markdown table = new Markdown(header);
        if (!runs.hasOurs()) {
            List<String> missing = new ArrayList<>(List.of("Kronforce (ours)", "missing: no `RESULT wl=` line"));
            while (missing.size() < header.size()) {
                missing.add("–");
            }
            table.row(missing);
        }
        for (String peer : runs.peers()) {
            table.row(row(peer));
        }
        return table.render();
    }

    private List<String> row(String peer) {
        RunKey any = COLUMNS.stream()
                .flatMap(c -> runs.configs(c.workload(), peer).stream())
                .findFirst()
                .orElseThrow()
                .key();
        List<String> cells = new ArrayList<>(List.of(any.label(), any.store()));
        for (Column column : COLUMNS) {
            WorkloadColumns figures = WorkloadColumns.of(column.workload()).orElseThrow();
            List<RunGroup> configs = runs.configs(column.workload(), peer);
            Optional<RunGroup> best = figures.best(configs);
            if (best.isPresent()) {
                cells.add(column.cell().apply(best.get()) + " ("
                        + best.get().key().cfg() + ")");
                cells.add(Ratio.format(best.get(), runs.reference(figures), column.ratioFigure()));
            } else {
                cells.add(configs.stream().anyMatch(g -> !g.failures().isEmpty()) ? "FAILED" : "–");
                cells.add("–");
            }
        }
        return cells;
    }

    private static String figures(RunGroup group, String... names) {
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(Spread.number(group.median(name)));
        }
        return String.join(" / ", parts);
    }

    private static String cronCell(RunGroup group) {
        double fired = 100 * group.median("fired") / group.median("expected");
        return String.format(Locale.ROOT, "%.0f %% · ", fired) + figures(group, "latP50Ms", "latP99Ms");
    }
}
