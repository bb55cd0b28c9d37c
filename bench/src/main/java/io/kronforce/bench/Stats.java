package io.kronforce.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Order statistics: nearest-rank percentiles of latency samples and min/median/max over reps. */
public final class Stats {

    /** Smallest, middle and largest of a set of per-rep values. */
    public record Summary(double min, double median, double max) {}

    private Stats() {}

    /**
     * Nearest-rank percentile (the smallest sample with at least {@code p}% of samples at or
     * below it); nearest-rank rather than interpolation so a p99 is always a latency that happened.
     *
     * @param sorted samples in ascending order, not empty
     * @param p percentile in [0, 100]
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of range: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Median of the values (mean of the two middle ones for an even count). */
    public static double median(List<Double> values) {
        List<Double> sorted = sorted(values);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Min, median and max of the values, which must not be empty. */
    public static Summary summary(List<Double> values) {
        List<Double> sorted = sorted(values);
        return new Summary(sorted.getFirst(), median(sorted), sorted.getLast());
    }

    private static List<Double> sorted(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> copy = new ArrayList<>(values);
        Collections.sort(copy);
        return copy;
    }
}
