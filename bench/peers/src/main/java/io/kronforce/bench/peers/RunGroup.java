package io.kronforce.bench.peers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The repetitions of one configuration: the runs that printed a line and the ones that failed. */
final class RunGroup {

    private final RunKey key;
    private final List<RawRecord> runs = new ArrayList<>();
    private final List<FailedRun> failures = new ArrayList<>();

    RunGroup(RunKey key) {
        this.key = key;
    }

    void add(RawRecord run) {
        runs.add(run);
    }

    void add(FailedRun failure) {
        failures.add(failure);
    }

    RunKey key() {
        return key;
    }

    int runs() {
        return runs.size();
    }

    List<FailedRun> failures() {
        return failures;
    }

    boolean measured() {
        return !runs.isEmpty();
    }

    /** The figure over the runs that carry it; empty when none does. */
    Optional<Spread> spread(String name) {
        List<Double> values = new ArrayList<>();
        for (RawRecord run : runs) {
            run.number(name).ifPresent(values::add);
        }
        return values.isEmpty() ? Optional.empty() : Optional.of(Spread.of(values));
    }

    /** The median of a figure, or NaN where no run carries it. */
    double median(String name) {
        return spread(name).map(Spread::median).orElse(Double.NaN);
    }

    /** A text value (settings, task) as the first run gave it. */
    Optional<String> text(String name) {
        return runs.stream()
                .map(r -> r.values().get(name))
                .filter(v -> v != null)
                .findFirst();
    }

    /** What the failures say, e.g. {@code FAILED ×2: timed out (rc 124)}; empty when none failed. */
    String failureNote() {
        if (failures.isEmpty()) {
            return "";
        }
        return "FAILED ×" + failures.size() + ": " + failures.getFirst().reason();
    }
}
