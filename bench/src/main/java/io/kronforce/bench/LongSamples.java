package io.kronforce.bench;

import java.util.Arrays;
import java.util.List;

/**
 * A growable array of {@code long} samples owned by one client thread (no boxing, no locking on
 * the hot path); merged once at the end of a measurement.
 */
public final class LongSamples {

    private long[] values = new long[1024];
    private int size;

    /** Appends one sample. Not thread-safe: one instance per thread. */
    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    /** How many samples were added. */
    public int size() {
        return size;
    }

    /** All samples of all parts in ascending order. */
    public static long[] sortedUnion(List<LongSamples> parts) {
        int total = parts.stream().mapToInt(LongSamples::size).sum();
        long[] all = new long[total];
        int at = 0;
        for (LongSamples part : parts) {
            System.arraycopy(part.values, 0, all, at, part.size);
            at += part.size;
        }
        Arrays.sort(all);
        return all;
    }
}
