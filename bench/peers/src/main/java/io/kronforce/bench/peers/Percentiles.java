package io.kronforce.bench.peers;

import java.util.Arrays;

/** Nearest-rank percentiles of nanosecond samples, in milliseconds. */
final class Percentiles {

    private final long[] sorted;

    Percentiles(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        this.sorted = samples.clone();
        Arrays.sort(this.sorted);
    }

    /**
     * The smallest sample with at least {@code p} percent at or below it: always a value that was
     * observed, so a p99 of few samples is its largest, not an interpolation.
     */
    double ms(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[rank - 1] / 1e6;
    }

    double maxMs() {
        return sorted[sorted.length - 1] / 1e6;
    }

    int count() {
        return sorted.length;
    }
}
