package io.kronforce.controller.rules;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.ExecutionStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.PatternSyntaxException;

/**
 * The rule engine: a pure function from rules and a run's result to a {@link RuleOutcome}, in
 * upstream's order (extractions, assertions, triggers). All three read the output as the run
 * produced it (already secret-masked), so an assertion's own stderr line can never fire a trigger.
 * Stateless and thread-safe.
 */
public final class OutputRules {
    private OutputRules() {}

    /** As {@link #apply(RuleSet, ExecutionStatus, String, String, RuleDeadline)} without a deadline. */
    public static RuleOutcome apply(RuleSet rules, ExecutionStatus status, String stdout, String stderr) {
        return apply(rules, status, stdout, stderr, RuleDeadline.none());
    }

    /**
     * Applies the rules to one run's output.
     *
     * @throws RuleDeadline.Passed when the deadline passed before every rule was applied
     * @throws RuleError when a rule could not be applied (its match overflowed the stack)
     */
    public static RuleOutcome apply(
            RuleSet rules, ExecutionStatus status, String stdout, String stderr, RuleDeadline deadline) {
        String out = stdout == null ? "" : stdout;
        String err = stderr == null ? "" : stderr;
        Map<String, String> extracted = new LinkedHashMap<>();
        Map<String, String> writes = new LinkedHashMap<>();
        List<String> outputLines = new ArrayList<>();
        Supplier<Optional<JsonNode>> document = memoized(() -> JsonPaths.parse(out));
        for (RuleSet.Extraction x : rules.extractions()) {
            extract(x, out, document, deadline).ifPresent(value -> {
                extracted.put(x.name(), value);
                if (x.target() == RuleSet.Target.OUTPUT) {
                    outputLines.add(x.name() + ": " + value);
                } else if (x.writeToVariable() != null) {
                    writes.put(x.writeToVariable(), value);
                }
            });
        }
        // Only a run that succeeded is judged: a failed run has already failed, and says why.
        List<String> failures =
                status == ExecutionStatus.SUCCEEDED ? failedAssertions(rules, out, deadline) : List.of();
        List<RuleSet.Trigger> matched = rules.triggers().stream()
                .filter(t ->
                        Patterns.occursIn(t.pattern(), out, deadline) || Patterns.occursIn(t.pattern(), err, deadline))
                .toList();
        return new RuleOutcome(
                failures.isEmpty() ? status : ExecutionStatus.FAILED,
                outputLines.isEmpty() ? out : String.join("\n", outputLines),
                failures.isEmpty() ? err : err + "\n[assertion failed] " + String.join("; ", failures),
                extracted,
                writes,
                matched,
                failures);
    }

    private static Optional<String> extract(
            RuleSet.Extraction x, String stdout, Supplier<Optional<JsonNode>> doc, RuleDeadline deadline) {
        return switch (x.type()) {
            case "regex" -> regex(x.pattern(), stdout, deadline);
            case "jsonpath" -> doc.get().flatMap(d -> JsonPaths.extract(x.pattern(), d));
            default -> Optional.empty();
        };
    }

    private static Optional<String> regex(String pattern, String stdout, RuleDeadline deadline) {
        if (pattern.length() > Patterns.MAX_PATTERN_CHARS) {
            return Optional.empty();
        }
        try {
            return Patterns.firstValue(Patterns.compile(pattern), stdout, deadline);
        } catch (PatternSyntaxException e) {
            return Optional.empty(); // only rows stored before validation can hold one
        }
    }

    private static List<String> failedAssertions(RuleSet rules, String stdout, RuleDeadline deadline) {
        return rules.assertions().stream()
                .filter(a -> !Patterns.occursIn(a.pattern(), stdout, deadline))
                .map(a -> a.message() != null
                        ? a.message()
                        : "expected pattern '" + a.pattern() + "' not found in output")
                .toList();
    }

    private static <T> Supplier<T> memoized(Supplier<T> source) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = source.get();
                }
                return value;
            }
        };
    }
}
