package io.kronforce.bench.peers;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What one workload's table shows: its figures, the ones divided by db-scheduler's, and the
 * figures that pick a scheduler's best configuration (in order; ties go to the next).
 */
record WorkloadColumns(String workload, String title, List<String> figures, List<String> ratios, List<String> rankBy) {

    /** The figures where more is better; every other figure is a time, a size or a count of faults. */
    private static final Set<String> HIGHER_IS_BETTER = Set.of("execPerSec", "procPerSec", "rowsPerSec", "perSec");

    static final List<WorkloadColumns> ALL = List.of(
            new WorkloadColumns(
                    "w1",
                    "W1 burst: N jobs due now, first enqueue → all ran and recorded",
                    List.of("n", "execPerSec", "procPerSec", "firstPickupMs", "enqueuePerSec"),
                    List.of("execPerSec"),
                    List.of("execPerSec")),
            new WorkloadColumns(
                    "w2",
                    "W2 single-run latency: one job at a time, enqueue → body start / → recorded",
                    List.of("n", "startP50Ms", "startP99Ms", "finishP50Ms", "finishP99Ms"),
                    List.of("finishP50Ms", "finishP99Ms"),
                    List.of("finishP50Ms")),
            new WorkloadColumns(
                    "w3",
                    "W3 cron precision: recurring every-second jobs, lateness against the cron second",
                    List.of(
                            "jobs",
                            "expected",
                            "fired",
                            "missed",
                            "skipped",
                            "duplicates",
                            "latP50Ms",
                            "latP99Ms",
                            "latMaxMs"),
                    List.of("latP99Ms"),
                    List.of("missed", "latP99Ms")),
            new WorkloadColumns(
                    "w4",
                    "W4 footprint: recurring jobs that never fire, JVM start → all registered, memory at rest",
                    List.of("n", "readyMs", "heapMB", "rssMB"),
                    List.of("readyMs", "rssMB"),
                    List.of("rssMB")),
            new WorkloadColumns(
                    "floor",
                    "SQLite floor: one connection, INSERT + UPDATE of an execution row",
                    List.of("rowsPerSec"),
                    List.of(),
                    List.of("rowsPerSec")));

    static Optional<WorkloadColumns> of(String workload) {
        return ALL.stream().filter(c -> c.workload.equals(workload)).findFirst();
    }

    static boolean higherIsBetter(String figure) {
        return HIGHER_IS_BETTER.contains(figure);
    }

    /** Best first; configurations without a figure rank last. */
    Comparator<RunGroup> ranking() {
        Comparator<RunGroup> order = (a, b) -> 0;
        for (String figure : rankBy) {
            order = order.thenComparing(g -> score(g, figure));
        }
        return order;
    }

    private static double score(RunGroup group, String figure) {
        double median = group.median(figure);
        if (Double.isNaN(median)) {
            return Double.MAX_VALUE;
        }
        return higherIsBetter(figure) ? -median : median;
    }

    /** The best measured configuration among the groups of one scheduler and store. */
    Optional<RunGroup> best(List<RunGroup> groups) {
        return groups.stream().filter(RunGroup::measured).min(ranking());
    }
}
