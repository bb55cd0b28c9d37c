package io.kronforce.controller.rules;

/**
 * A read-only view of a string that lets a regex engine read at most a fixed number of
 * characters. Java's backtracking engine can take exponential time on hostile patterns (upstream's
 * Rust engine cannot), and output rules run on up to 10 MiB of output inside the finish path; a
 * count of reads bounds the work deterministically, where a time limit would depend on the machine.
 *
 * <p>Not thread-safe: one instance per match.
 */
final class BoundedText implements CharSequence {
    private final String text;
    private long budget;

    /** Thrown when the budget is spent; the match is then treated as no match. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("regular expression work budget exhausted", null, false, false);
        }
    }

    BoundedText(String text, long budget) {
        this.text = text;
        this.budget = budget;
    }

    /** A budget that lets any ordinary pattern scan the text a few dozen times. */
    static BoundedText of(String text) {
        return new BoundedText(text, 50L * text.length() + 1_000_000L);
    }

    @Override
    public char charAt(int index) {
        if (--budget < 0) {
            throw new Exhausted();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
