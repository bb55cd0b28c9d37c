package io.kronforce.controller.rules;

import io.kronforce.controller.domain.ExecutionStatus;
import java.util.List;
import java.util.Map;

/**
 * What a job's output rules make of one finished run. Immutable.
 *
 * @param status the status to record: {@code failed} when an assertion failed, else the run's
 * @param stdout the stdout to record: replaced by {@code name: value} lines when an
 *     {@code output}-target extraction matched, else the run's
 * @param stderr the run's stderr, plus the {@code [assertion failed]} line when one failed
 * @param extracted every matched extraction by name, in rule order; empty when none matched
 * @param variableWrites values for {@code write_to_variable} by variable name, in rule order
 * @param matchedTriggers the trigger rules whose pattern occurs in stdout or stderr
 * @param assertionFailures one message per assertion that failed
 */
public record RuleOutcome(
        ExecutionStatus status,
        String stdout,
        String stderr,
        Map<String, String> extracted,
        Map<String, String> variableWrites,
        List<RuleSet.Trigger> matchedTriggers,
        List<String> assertionFailures) {
    public RuleOutcome {
        extracted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extracted));
        variableWrites = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variableWrites));
        matchedTriggers = List.copyOf(matchedTriggers);
        assertionFailures = List.copyOf(assertionFailures);
    }

    /** The outcome of no rules: the run as it was. */
    public static RuleOutcome unchanged(ExecutionStatus status, String stdout, String stderr) {
        return new RuleOutcome(status, stdout, stderr, Map.of(), Map.of(), List.of(), List.of());
    }

    /** Upstream's event severity for a trigger: error, warning or success as written, anything else info. */
    public static String severityOf(RuleSet.Trigger trigger) {
        return switch (trigger.severity()) {
            case "error", "warning", "success" -> trigger.severity();
            default -> "info";
        };
    }
}
