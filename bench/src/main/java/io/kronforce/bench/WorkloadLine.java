package io.kronforce.bench;

import java.util.Locale;

/**
 * One {@code RESULT wl=...} line of raw.txt: our row in one of the peers' workloads (W1-W4) or the
 * cost of the task's work alone, in the shape the peers' summarizer reads:
 * {@code RESULT wl=<w1|w2|w3|w4|work> who=kronforce store=sqlite cfg=default k=v ... load1=<x>}.
 * Keys keep the order they were put in; decimals have three places, dot-separated.
 */
final class WorkloadLine {

    private final StringBuilder line;

    /** A line for workload {@code wl} ({@code w1} .. {@code w4}, {@code work}). */
    WorkloadLine(String wl) {
        line = new StringBuilder("RESULT wl=").append(wl).append(" who=kronforce store=sqlite cfg=default");
    }

    WorkloadLine put(String key, long value) {
        return append(key, Long.toString(value));
    }

    WorkloadLine put(String key, double value) {
        return append(key, String.format(Locale.ROOT, "%.3f", value));
    }

    /** A word without spaces (a task name, say). */
    WorkloadLine put(String key, String value) {
        if (value.isEmpty() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("a value is one word: '" + value + "'");
        }
        return append(key, value);
    }

    /** The finished line, with the 1-minute load average {@code load1} last. */
    String render(String load1) {
        return new StringBuilder(line).append(" load1=").append(load1).toString();
    }

    private WorkloadLine append(String key, String value) {
        line.append(' ').append(key).append('=').append(value);
        return this;
    }
}
