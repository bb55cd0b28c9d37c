package io.kronforce.controller.metrics;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/** A Prometheus histogram of seconds with fixed buckets. Lock-free; exact counts. */
public final class LatencyHistogram {
    static final double[] BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
    };

    private final String name;
    private final String help;
    private final AtomicLongArray buckets = new AtomicLongArray(BOUNDS.length);
    private final AtomicLong count = new AtomicLong();
    private final DoubleAdder sum = new DoubleAdder();

    public LatencyHistogram(String name, String help) {
        this.name = name;
        this.help = help;
    }

    public void observeMillis(long ms) {
        double seconds = Math.max(0, ms) / 1000.0;
        for (int i = 0; i < BOUNDS.length; i++) {
            if (seconds <= BOUNDS[i]) {
                buckets.incrementAndGet(i);
            }
        }
        count.incrementAndGet();
        sum.add(seconds);
    }

    /** The series in Prometheus text format, HELP and TYPE lines included. */
    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < BOUNDS.length; i++) {
            out.append(name)
                    .append("_bucket{le=\"")
                    .append(BOUNDS[i])
                    .append("\"} ")
                    .append(buckets.get(i))
                    .append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(count.get()).append('\n');
        out.append(name).append("_sum ").append(sum.sum()).append('\n');
        out.append(name).append("_count ").append(count.get()).append('\n');
        return out.toString();
    }
}
