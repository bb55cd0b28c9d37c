package io.kronforce.bench.peers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads raw files of either side ({@code RESULT wl=...} and {@code # FAILED rc=N: ...} lines; any
 * other line is ignored) and prints the Markdown summary: the headline, then one table per
 * workload, then what the work alone costs and any failure no table could place.
 */
public final class Summarize {

    private Summarize() {}

    public static void main(String[] args) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String file : args) {
            lines.addAll(Files.readAllLines(Path.of(file)));
        }
        System.out.print(summary(RunSet.of(lines)));
    }

    static String summary(RunSet runs) {
        StringBuilder out = new StringBuilder("## Against the peers\n\n");
        out.append("Best configuration of each scheduler (in brackets); ÷ db-scheduler divides by db-scheduler")
                .append(" on SQLite in its best configuration from the same run (exec/s: higher is better;")
                .append(" times and sizes: lower is better). Median of the runs.\n\n");
        out.append(new HeadlineTable(runs).render()).append('\n');
        out.append(workAlone(runs));
        for (WorkloadColumns columns : WorkloadColumns.ALL) {
            out.append(new WorkloadTable(columns, runs).render()).append('\n');
        }
        if (!runs.unplaced().isEmpty()) {
            out.append("### Failed runs\n\n");
            runs.unplaced()
                    .forEach(f -> out.append("* ")
                            .append(f.label())
                            .append(": ")
                            .append(f.reason())
                            .append('\n'));
        }
        return out.toString();
    }

    /** Our side's {@code wl=work} rows: what the job's body costs with no scheduler around it. */
    private static String workAlone(RunSet runs) {
        List<RunGroup> work = runs.workload("work");
        if (work.isEmpty()) {
            return "";
        }
        Markdown table = new Markdown(List.of("task", "cfg", "runs", "perSec", "p50Ms", "load1"));
        for (RunGroup group : work) {
            table.row(List.of(
                    group.text("task").orElse(group.key().cfg()),
                    group.key().cfg(),
                    Integer.toString(group.runs()),
                    group.spread("perSec").map(Spread::format).orElse("–"),
                    group.spread("p50Ms").map(Spread::format).orElse("–"),
                    group.spread("load1").map(Spread::format).orElse("–")));
        }
        return "Cost of the work alone (no scheduler):\n\n" + table.render() + "\n";
    }
}
