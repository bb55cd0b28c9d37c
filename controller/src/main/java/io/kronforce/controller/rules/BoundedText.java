package io.kronforce.controller.rules;

/**
 * A read-only view of a string that lets a regex engine read at most a fixed number of
 * characters. Java's backtracking engine can take exponential time on hostile patterns (upstream's
 * Rust engine cannot), and output rules run on up to 10 MiB of output inside the finish path; a
 * count of reads bounds the work deterministically, where a time limit would depend on the machine.
 * The run's {@link RuleDeadline} is looked at every {@value #DEADLINE_EVERY} reads besides, so the
 * rules of a run never outlast its timeout, whatever their number.
 *
 * <p>Not thread-safe: one instance per match.
 */
final class BoundedText implements CharSequence {
    /** Reads between two looks at the clock: cheap against the work of a match, fine against a second. */
    static final int DEADLINE_EVERY = 4096;

    private final String text;
    private final RuleDeadline deadline;
    private long budget;
    private int untilDeadlineCheck = DEADLINE_EVERY;

    /** Thrown when the budget is spent; the match is then treated as no match. */
    static final class Exhausted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Exhausted() {
            super("regular expression work budget exhausted", null, false, false);
        }
    }

    BoundedText(String text, long budget, RuleDeadline deadline) {
        this.text = text;
        this.budget = budget;
        this.deadline = deadline;
    }

    /** A budget that lets any ordinary pattern scan the text a few dozen times, within {@code deadline}. */
    static BoundedText of(String text, RuleDeadline deadline) {
        return new BoundedText(text, 50L * text.length() + 1_000_000L, deadline);
    }

    /**
     * @throws Exhausted when the work budget is spent
     * @throws RuleDeadline.Passed when the run's deadline has passed
     */
    @Override
    public char charAt(int index) {
        if (--budget < 0) {
            throw new Exhausted();
        }
        if (--untilDeadlineCheck == 0) {
            untilDeadlineCheck = DEADLINE_EVERY;
            if (deadline.passed()) {
                throw new RuleDeadline.Passed();
            }
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
