package io.kronforce.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What went wrong in single reps of a figure, to be shown in its row rather than only in raw.txt:
 * a rep that failed, a rep skipped because its server was down, a cross-check that disagreed.
 * A figure measured in some reps and not in others would otherwise look like a clean min / median
 * / max over fewer reps. Not thread-safe: {@link Results} guards it.
 */
final class RepRemarks {

    /** Why a rep has a remark; the name is how the row spells it. */
    enum Kind {
        FAILED("failed"),
        SKIPPED("skipped"),
        MISMATCH("mismatch");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    private record Remark(int rep, Kind kind, String text) {}

    private final Map<String, List<Remark>> byFigure = new LinkedHashMap<>();

    void add(String figure, int rep, Kind kind, String text) {
        byFigure.computeIfAbsent(figure, f -> new ArrayList<>()).add(new Remark(rep, kind, oneLine(text)));
    }

    /** Figures with a remark, in the order the first one arrived. */
    Set<String> figures() {
        return byFigure.keySet();
    }

    /**
     * The remarks of {@code figure} for its table row, e.g. {@code 1 rep failed: timeout (rep 2)}
     * or, where no rep was measured, {@code skipped: PostgreSQL not reachable (reps 1, 2)}; empty
     * when there are none.
     */
    String summary(String figure, boolean counted) {
        List<Remark> remarks = byFigure.getOrDefault(figure, List.of());
        List<String> parts = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            List<Remark> ofKind = remarks.stream().filter(r -> r.kind() == kind).toList();
            if (ofKind.isEmpty()) {
                continue;
            }
            Set<String> texts = ofKind.stream().map(Remark::text).collect(Collectors.toCollection(LinkedHashSet::new));
            String reps = ofKind.stream()
                    .map(r -> Integer.toString(r.rep()))
                    .distinct()
                    .collect(Collectors.joining(", "));
            String head = counted ? count(ofKind.size(), kind) : kind.label;
            parts.add(head + ": " + String.join("; ", texts) + " (rep" + (ofKind.size() > 1 ? "s " : " ") + reps + ")");
        }
        return String.join("; ", parts);
    }

    private static String count(int n, Kind kind) {
        return kind == Kind.MISMATCH
                ? "mismatch in " + n + (n == 1 ? " rep" : " reps")
                : n + (n == 1 ? " rep " : " reps ") + kind.label;
    }

    /** Table cells (and raw.txt's lines) take neither pipes nor line breaks. */
    static String oneLine(String text) {
        return text.replace('|', '/').replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
