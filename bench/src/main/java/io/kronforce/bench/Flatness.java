package io.kronforce.bench;

import java.util.List;
import java.util.Locale;

/**
 * Whether a per-minute series stays flat: the verdict of the soak (B16). Over the judged minutes
 * {@code v[from] … v[last]}, a series is flat when both hold:
 *
 * <ul>
 *   <li>the end is not more than {@code tolerance} above the start: {@code v[last] ≤ v[from] + tolerance ×
 *       max(v[from], floor)};
 *   <li>the least-squares line through the judged minutes does not climb by more than that over them:
 *       {@code slope × (last − from) ≤ tolerance × max(mean, floor)}.
 * </ul>
 *
 * Only growth counts against a series (memory that falls, a latency that improves, are no leak).
 * The floor keeps small values, a 2 ms p50 say, from failing on noise of a fraction of a
 * millisecond. Pure: no clock, no I/O.
 *
 * @param tolerance allowed growth as a fraction (0.2 = 20 %)
 * @param floor the smallest value the tolerance is taken of, in the series' unit
 */
record Flatness(double tolerance, double floor) {

    /**
     * What was judged and why.
     *
     * @param flat whether both conditions hold
     * @param first the value of the first judged minute
     * @param last the value of the last judged minute
     * @param slopePerMinute the least-squares slope over the judged minutes
     * @param allowed the growth allowed, in the series' unit (end condition)
     */
    record Verdict(boolean flat, double first, double last, double slopePerMinute, double allowed) {

        /** {@code flat} or {@code GROWS}, with the numbers behind it. */
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%s (%.2f → %.2f, slope %+.3f/min, allowed +%.2f)",
                    flat ? "flat" : "GROWS",
                    first,
                    last,
                    slopePerMinute,
                    allowed);
        }
    }

    /**
     * Judges {@code series} (index 0 = minute 1) from minute {@code fromMinute} (1-based) to its end.
     *
     * @throws IllegalArgumentException when fewer than 2 minutes are judged
     */
    Verdict judge(List<Double> series, int fromMinute) {
        List<Double> judged = series.subList(fromMinute - 1, series.size());
        if (judged.size() < 2) {
            throw new IllegalArgumentException("need at least 2 judged minutes, got " + judged.size());
        }
        double first = judged.getFirst();
        double last = judged.getLast();
        double mean = judged.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double slope = slope(judged);
        double endAllowed = tolerance * Math.max(first, floor);
        double trendAllowed = tolerance * Math.max(mean, floor);
        boolean flat = last <= first + endAllowed && slope * (judged.size() - 1) <= trendAllowed;
        return new Verdict(flat, first, last, slope, endAllowed);
    }

    /** The least-squares slope of the values against their index (per minute). */
    static double slope(List<Double> values) {
        int n = values.size();
        double meanX = (n - 1) / 2.0;
        double meanY =
                values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double num = 0;
        double den = 0;
        for (int i = 0; i < n; i++) {
            num += (i - meanX) * (values.get(i) - meanY);
            den += (i - meanX) * (i - meanX);
        }
        return num / den;
    }
}
