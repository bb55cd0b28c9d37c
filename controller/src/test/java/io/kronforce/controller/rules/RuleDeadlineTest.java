package io.kronforce.controller.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.ExecutionStatus;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The engine under a run's deadline: a backtracking pattern stops at the deadline, before its work
 * budget, and a match that overflows the stack is a {@link RuleError}, never an Error.
 */
class RuleDeadlineTest {
    private static final ExecutionStatus OK = ExecutionStatus.SUCCEEDED;
    /** Catastrophic for Java's engine on a line of a's without the final x. */
    private static final String BACKTRACKING = "(?:.*a){12}x";

    /** A clock that moves one millisecond each time it is read: the deadline is met after so many looks. */
    private static final class TickingClock implements InstantSource {
        final AtomicLong reads = new AtomicLong();

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(reads.incrementAndGet());
        }
    }

    private static RuleSet triggering(String pattern) {
        return new RuleSet(List.of(), List.of(new RuleSet.Trigger(pattern, "error")), List.of(), null);
    }

    @Test
    void aBacktrackingPatternStopsAtTheDeadlineLongBeforeItsWorkBudget() {
        TickingClock clock = new TickingClock();
        RuleDeadline deadline = RuleDeadline.at(clock, 10);
        String hostile = "a".repeat(40);

        assertThrows(
                RuleDeadline.Passed.class,
                () -> OutputRules.apply(triggering(BACKTRACKING), OK, hostile, "", deadline));
        // Ten looks at the clock, one every 4,096 characters read: a fraction of the 1,002,000-read budget.
        assertEquals(10, clock.reads.get());
    }

    @Test
    void withoutADeadlineTheSamePatternStillGivesUpAtItsBudget() {
        RuleOutcome out = OutputRules.apply(triggering(BACKTRACKING), OK, "a".repeat(40), "", RuleDeadline.none());
        assertEquals(List.of(), out.matchedTriggers());
    }

    @Test
    void ordinaryRulesOverShortOutputFinishEvenPastTheDeadline() {
        RuleDeadline passed = RuleDeadline.at(new TickingClock(), 0);
        RuleOutcome out = OutputRules.apply(triggering("ERROR"), OK, "ERROR: disk full", "", passed);
        assertEquals(1, out.matchedTriggers().size());
    }

    @Test
    void aMatchThatOverflowsTheStackIsARuleError() {
        RuleError e = assertThrows(
                RuleError.class,
                () -> OutputRules.apply(triggering("(a|aa)*c"), OK, "a".repeat(50_000), "", RuleDeadline.none()));
        assertTrue(
                e.getMessage()
                        .equals("output rule pattern '(a|aa)*c' overflowed the stack while matching 50000 characters"
                                + " of output; the rules were not applied"),
                e.getMessage());
    }
}
