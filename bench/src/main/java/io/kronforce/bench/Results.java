package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-rep figures, each paired with the baseline measured in the same rep, rendered as the
 * Markdown table of {@code results.md} and as one {@code RESULT} line per sample in {@code raw.txt}.
 * Thread-safe (synchronized): measurements may record from any thread.
 */
public final class Results {

    /** One figure across reps; {@code values.get(i)} was measured beside {@code baselines.get(i)}. */
    record Figure(String name, String unit, String baseline, List<Double> values, List<Double> baselines) {

        List<Double> ratios() {
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(values.get(i) / baselines.get(i));
            }
            return ratios;
        }
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final List<String> raw = new ArrayList<>();
    /** Figures that could not be measured here, with why: a row saying so beats a missing row. */
    private final Map<String, String> skipped = new LinkedHashMap<>();
    /** Reps of a figure that failed, were skipped, or disagreed with a cross-check. */
    private final RepRemarks remarks = new RepRemarks();
    /** Markdown written after the table (B16's per-minute table, say). */
    private final List<String> sections = new ArrayList<>();

    /** Records one rep of figure {@code name} with its same-rep baseline value. */
    public synchronized void add(
            String name, String unit, String baseline, int rep, double value, double baselineValue) {
        Figure figure =
                figures.computeIfAbsent(name, n -> new Figure(n, unit, baseline, new ArrayList<>(), new ArrayList<>()));
        figure.values().add(value);
        figure.baselines().add(baselineValue);
        raw.add(String.format(
                Locale.ROOT,
                "RESULT figure=\"%s\" unit=%s rep=%d value=%.3f baseline=\"%s\" baselineValue=%.3f ratio=%.4f",
                name,
                unit,
                rep,
                value,
                baseline,
                baselineValue,
                value / baselineValue));
    }

    /** Records that figure {@code name} was not measured in this run, and why (noted once). */
    public synchronized void skip(String name, String reason) {
        if (skipped.putIfAbsent(name, reason) == null) {
            note("SKIPPED figure=\"" + name + "\" reason=\"" + reason + "\"");
        }
    }

    /** Records that rep {@code rep} of figure {@code name} failed: the row says so beside the figures. */
    public synchronized void failRep(String name, int rep, String reason) {
        remark(name, rep, RepRemarks.Kind.FAILED, reason);
    }

    /** Records that rep {@code rep} of figure {@code name} was not measured, and why (its server was down, say). */
    public synchronized void skipRep(String name, int rep, String reason) {
        remark(name, rep, RepRemarks.Kind.SKIPPED, reason);
    }

    /** Records that a cross-check of figure {@code name} disagreed in rep {@code rep}: shown in its row. */
    public synchronized void mismatch(String name, int rep, String what) {
        remark(name, rep, RepRemarks.Kind.MISMATCH, what);
    }

    private void remark(String name, int rep, RepRemarks.Kind kind, String text) {
        remarks.add(name, rep, kind, text);
        note(kind.label.toUpperCase(Locale.ROOT) + " figure=\"" + name + "\" rep=" + rep + " "
                + RepRemarks.oneLine(text));
    }

    /** Adds a Markdown section to {@code results.md}, after the table (and prints it). */
    public synchronized void section(String markdown) {
        sections.add(markdown);
        System.err.println(markdown);
    }

    /** Adds a free-form line to {@code raw.txt} (details that are not headline figures). */
    public synchronized void note(String line) {
        raw.add(line);
        System.err.println(line);
    }

    /**
     * The Markdown table: value, baseline and ratio (value ÷ baseline), each as min / median / max;
     * a figure's failed, skipped or mismatched reps beside its values, or in a row of their own
     * when no rep was measured.
     */
    public synchronized String table() {
        StringBuilder md = new StringBuilder();
        md.append(
                "| figure | unit | value min / median / max | baseline | baseline min / median / max | ratio min / median / max |\n");
        md.append("|---|---|---|---|---|---|\n");
        for (Figure f : figures.values()) {
            md.append("| ")
                    .append(f.name())
                    .append(" | ")
                    .append(f.unit())
                    .append(" | ")
                    .append(triple(f.values(), false))
                    .append(remarked(f.name()))
                    .append(" | ")
                    .append(f.baseline())
                    .append(" | ")
                    .append(triple(f.baselines(), false))
                    .append(" | ")
                    .append(triple(f.ratios(), true))
                    .append(" |\n");
        }
        for (String name : remarks.figures()) {
            if (!figures.containsKey(name)) {
                md.append("| ")
                        .append(name)
                        .append(" | — | ")
                        .append(remarks.summary(name, false))
                        .append(" | — | — | — |\n");
            }
        }
        skipped.forEach((name, reason) -> md.append("| ")
                .append(name)
                .append(" | — | skipped: ")
                .append(reason.replace("|", "/"))
                .append(" | — | — | — |\n"));
        return md.toString();
    }

    private String remarked(String figure) {
        String summary = remarks.summary(figure, true);
        return summary.isEmpty() ? "" : "; " + summary;
    }

    /** Writes {@code results.md} (header + table) and {@code raw.txt} into {@code dir}. */
    public synchronized void write(Path dir, String header) throws IOException {
        Files.writeString(
                dir.resolve("results.md"),
                header + "\n" + table()
                        + String.join("", sections.stream().map(s -> "\n" + s).toList()));
        Files.write(dir.resolve("raw.txt"), raw);
    }

    private static String triple(List<Double> values, boolean ratio) {
        Stats.Summary s = Stats.summary(values);
        return format(s.min(), ratio) + " / " + format(s.median(), ratio) + " / " + format(s.max(), ratio);
    }

    static String format(double value, boolean ratio) {
        if (ratio) {
            return String.format(Locale.ROOT, "%.2f×", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
