package io.kronforce.controller.rules;

/**
 * A rule that could not be applied to a run's output at all, such as a pattern whose matching
 * overflowed the stack. It fails the run (the rules' verdict is unknown, so the result cannot be
 * trusted as succeeded) with this message on its stderr.
 */
public final class RuleError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleError(String message) {
        super(message, null, false, false);
    }
}
