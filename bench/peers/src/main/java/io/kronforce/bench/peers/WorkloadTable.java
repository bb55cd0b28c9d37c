package io.kronforce.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One workload's Markdown table: every configuration, median (min–max) over its runs. */
final class WorkloadTable {

    private final WorkloadColumns columns;
    private final RunSet runs;

    WorkloadTable(WorkloadColumns columns, RunSet runs) {
        this.columns = columns;
        this.runs = runs;
    }

    String render() {
        List<RunGroup> groups = new ArrayList<>(runs.workload(columns.workload()));
        if (columns.workload().equals("w4")) {
            groups.addAll(runs.workload("baseline"));
        }
        StringBuilder out = new StringBuilder("### " + columns.title() + "\n\n");
        if (groups.isEmpty()) {
            return out.append("Not run.\n").toString();
        }
        Optional<RunGroup> reference = runs.reference(columns);
        List<String> header = new ArrayList<>(List.of("scheduler", "store", "cfg", "runs"));
        header.addAll(columns.figures());
        columns.ratios().forEach(r -> header.add(r + " ÷ db-scheduler"));
        header.addAll(List.of("load1", "settings / notes"));
        Markdown table = new Markdown(header);
        if (isRunOfOurs() && !runs.hasOurs()) {
            table.row(missingOurs(header.size()));
        }
        for (RunGroup group : groups) {
            table.row(row(group, reference));
        }
        return out.append(table.render()).toString();
    }

    private boolean isRunOfOurs() {
        return columns.workload().matches("w[1-4]");
    }

    private static List<String> missingOurs(int width) {
        List<String> cells = new ArrayList<>(List.of("Kronforce (ours)", "–", "–", "0"));
        while (cells.size() < width - 1) {
            cells.add("–");
        }
        cells.add("missing: no `RESULT` line from bench/run.sh");
        return cells;
    }

    private List<String> row(RunGroup group, Optional<RunGroup> reference) {
        RunKey key = group.key();
        List<String> cells =
                new ArrayList<>(List.of(key.label(), key.store(), key.cfg(), Integer.toString(group.runs())));
        for (String figure : columns.figures()) {
            cells.add(group.spread(figure).map(Spread::format).orElse("–"));
        }
        for (String figure : columns.ratios()) {
            // the idle JVM is what every row pays, not a scheduler to compare
            boolean scheduler = !key.workload().equals("baseline");
            cells.add(group.measured() && scheduler ? Ratio.format(group, reference, figure) : "–");
        }
        cells.add(group.spread("load1").map(Spread::format).orElse("–"));
        String notes = group.text("settings").orElse("");
        if (!group.failureNote().isEmpty()) {
            notes = notes.isEmpty() ? group.failureNote() : notes + "; " + group.failureNote();
        }
        cells.add(notes.isEmpty() ? "–" : notes);
        return cells;
    }
}
