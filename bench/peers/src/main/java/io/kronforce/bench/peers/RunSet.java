package io.kronforce.bench.peers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All runs of one or more raw files, grouped by configuration in the order first seen (ours
 * first), plus the failures no table can place.
 */
final class RunSet {

    /** The baseline of every ratio: db-scheduler on SQLite, the durable peer closest to us. */
    static final String REFERENCE_WHO = "db-scheduler";

    static final String REFERENCE_STORE = "sqlite";

    private final Map<RunKey, RunGroup> groups = new LinkedHashMap<>();
    private final List<FailedRun> unplaced = new ArrayList<>();

    static RunSet of(List<String> lines) {
        RunSet set = new RunSet();
        for (String line : lines) {
            RawRecord.parse(line).ifPresent(r -> set.group(r.key()).add(r));
            FailedRun.parse(line).ifPresent(set::place);
        }
        return set;
    }

    private void place(FailedRun failure) {
        failure.key().ifPresentOrElse(k -> group(k).add(failure), () -> unplaced.add(failure));
    }

    private RunGroup group(RunKey key) {
        return groups.computeIfAbsent(key, RunGroup::new);
    }

    /** The groups of a workload, ours first, then in the order the runs came. */
    List<RunGroup> workload(String workload) {
        return groups.values().stream()
                .filter(g -> g.key().workload().equals(workload))
                .sorted(Comparator.comparing(g -> !g.key().ours()))
                .toList();
    }

    /** The configurations of one scheduler and store in a workload. */
    List<RunGroup> configs(String workload, String peer) {
        return workload(workload).stream()
                .filter(g -> g.key().peer().equals(peer))
                .toList();
    }

    /** The schedulers and stores seen in W1–W4, ours first. */
    List<String> peers() {
        return groups.values().stream()
                .filter(g -> g.key().workload().matches("w[1-4]"))
                .sorted(Comparator.comparing(g -> !g.key().ours()))
                .map(g -> g.key().peer())
                .distinct()
                .toList();
    }

    /** db-scheduler on SQLite in its best measured configuration for the workload. */
    Optional<RunGroup> reference(WorkloadColumns columns) {
        return columns.best(configs(columns.workload(), REFERENCE_WHO + "/" + REFERENCE_STORE));
    }

    /** Whether our side printed any W1–W4 line (its {@code work} rows alone do not count). */
    boolean hasOurs() {
        return groups.values().stream()
                .anyMatch(g ->
                        g.key().ours() && g.measured() && g.key().workload().matches("w[1-4]"));
    }

    List<FailedRun> unplaced() {
        return unplaced;
    }
}
