package io.kronforce.controller.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.ExecutionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure rule engine: extraction, output target, assertions and triggers (docs/reference/output-rules.md). */
class OutputRulesTest {
    private static final ExecutionStatus OK = ExecutionStatus.SUCCEEDED;

    private static RuleSet.Extraction regex(String name, String pattern) {
        return new RuleSet.Extraction(name, pattern, "regex", null, RuleSet.Target.VARIABLE);
    }

    private static RuleSet.Extraction jsonpath(String name, String path) {
        return new RuleSet.Extraction(name, path, "jsonpath", null, RuleSet.Target.VARIABLE);
    }

    private static RuleSet extracting(RuleSet.Extraction... xs) {
        return new RuleSet(List.of(xs), List.of(), List.of(), null);
    }

    private static Map<String, String> extract(String stdout, RuleSet.Extraction... xs) {
        return OutputRules.apply(extracting(xs), OK, stdout, "").extracted();
    }

    @Test
    void regexTakesTheFirstNamedGroupThatTookPartThenGroupOneThenTheWholeMatch() {
        assertEquals(Map.of("n", "42"), extract("Extracted 42 records", regex("n", "Extracted (\\d+) records")));
        assertEquals(Map.of("n", "b"), extract("x=1 y=b", regex("n", "(x)=\\d (?:(?<absent>z)|y)=(?<val>b)")));
        assertEquals(Map.of("n", "7"), extract("v7", regex("n", "v(?P<version>\\d)")), "Rust-style (?P<…>) group");
        assertEquals(Map.of("n", "v7"), extract("v7", regex("n", "v\\d")));
        assertEquals(Map.of("n", "first"), extract("id=first id=second", regex("n", "id=(\\w+)")), "first match only");
        assertEquals(Map.of(), extract("nothing here", regex("n", "id=(\\w+)")));
    }

    @Test
    void anOptionalGroupOneThatDidNotTakePartGivesTheWholeMatch() {
        assertEquals(Map.of("n", "done"), extract("done", regex("n", "(x)?done")));
    }

    @Test
    void jsonpathReadsKeysArraysWildcardsAndFilters() {
        String doc = "  {\"a\":{\"b\":\"text\",\"n\":3,\"o\":{\"k\":[1,2]},\"z\":null},"
                + "\"items\":[{\"name\":\"x\",\"qty\":1},{\"name\":\"y\",\"qty\":5}]}\n";
        assertEquals(Map.of("v", "text"), extract(doc, jsonpath("v", "$.a.b")), "strings raw");
        assertEquals(Map.of("v", "3"), extract(doc, jsonpath("v", "$.a.n")));
        assertEquals(Map.of("v", "{\"k\":[1,2]}"), extract(doc, jsonpath("v", "$.a.o")), "compact JSON");
        assertEquals(Map.of("v", "y"), extract(doc, jsonpath("v", "$.items[1].name")));
        assertEquals(Map.of("v", "[\"x\",\"y\"]"), extract(doc, jsonpath("v", "$.items[*].name")));
        assertEquals(
                Map.of("v", "y"), extract(doc, jsonpath("v", "$.items[?(@.qty > 2)].name")), "one result unwrapped");
        assertEquals(Map.of(), extract(doc, jsonpath("v", "$.items[?(@.qty > 9)].name")), "none selected");
        assertEquals(Map.of(), extract(doc, jsonpath("v", "$.a.z")), "null is no value");
        assertEquals(Map.of(), extract(doc, jsonpath("v", "$.a.missing")));
    }

    @Test
    void jsonpathOnOutputThatIsNotJsonExtractsNothingAndRegexStillWorks() {
        assertEquals(Map.of("r", "1"), extract("count=1 {not json", jsonpath("v", "$.a"), regex("r", "count=(\\d)")));
        assertEquals(Map.of(), extract("", jsonpath("v", "$")));
    }

    @Test
    void variableTargetWritesTheVariableAndOutputTargetReplacesStdout() {
        RuleSet rules = new RuleSet(
                List.of(
                        new RuleSet.Extraction("count", "(\\d+) rows", "regex", "ROWS", RuleSet.Target.VARIABLE),
                        new RuleSet.Extraction("host", "host=(\\S+)", "regex", "IGNORED", RuleSet.Target.OUTPUT),
                        new RuleSet.Extraction("user", "user=(\\S+)", "regex", null, RuleSet.Target.OUTPUT),
                        new RuleSet.Extraction("odd", "x", "xpath", "NEVER", RuleSet.Target.VARIABLE)),
                List.of(),
                List.of(),
                null);
        RuleOutcome out = OutputRules.apply(rules, OK, "12 rows\nhost=db1 user=etl\n", "");
        assertEquals(Map.of("count", "12", "host", "db1", "user", "etl"), out.extracted());
        assertEquals(Map.of("ROWS", "12"), out.variableWrites());
        assertEquals("host: db1\nuser: etl", out.stdout());
        assertEquals(OK, out.status());
    }

    @Test
    void stdoutStaysWhenNoOutputTargetMatched() {
        RuleSet rules = new RuleSet(
                List.of(new RuleSet.Extraction("h", "host=(\\S+)", "regex", null, RuleSet.Target.OUTPUT)),
                List.of(),
                List.of(),
                null);
        assertEquals("plain", OutputRules.apply(rules, OK, "plain", "").stdout());
    }

    @Test
    void assertionsThatPassLeaveTheRunAlone() {
        RuleSet rules = new RuleSet(
                List.of(),
                List.of(),
                List.of(new RuleSet.Assertion("compl(ete|eted)", null), new RuleSet.Assertion("[unclosed", null)),
                null);
        RuleOutcome out = OutputRules.apply(rules, OK, "job completed [unclosed bracket", "warn");
        assertEquals(OK, out.status());
        assertEquals("warn", out.stderr());
        assertEquals(List.of(), out.assertionFailures());
    }

    @Test
    void failedAssertionsFailTheRunWithEveryMessageOnStderr() {
        RuleSet rules = new RuleSet(
                List.of(),
                List.of(),
                List.of(
                        new RuleSet.Assertion("complete", "Extract did not complete"),
                        new RuleSet.Assertion("rows=\\d+", null),
                        new RuleSet.Assertion("present", "never shown")),
                null);
        RuleOutcome out = OutputRules.apply(rules, OK, "present but broken", "err");
        assertEquals(ExecutionStatus.FAILED, out.status());
        assertEquals(
                "err\n[assertion failed] Extract did not complete; expected pattern 'rows=\\d+' not found in output",
                out.stderr());
    }

    @Test
    void assertionsJudgeOnlyRunsThatSucceeded() {
        RuleSet rules = new RuleSet(List.of(), List.of(), List.of(new RuleSet.Assertion("complete", null)), null);
        for (ExecutionStatus s :
                List.of(ExecutionStatus.FAILED, ExecutionStatus.TIMED_OUT, ExecutionStatus.CANCELLED)) {
            RuleOutcome out = OutputRules.apply(rules, s, "", "e");
            assertEquals(s, out.status());
            assertEquals("e", out.stderr());
        }
    }

    @Test
    void triggersMatchStdoutOrStderrWithSubstringFallbackAndSeverityMapping() {
        RuleSet rules = new RuleSet(
                List.of(),
                List.of(
                        new RuleSet.Trigger("ERROR|FATAL", "error"),
                        new RuleSet.Trigger("disk (low|full)", "warning"),
                        new RuleSet.Trigger("a(b", "critical"),
                        new RuleSet.Trigger("never", "success")),
                List.of(),
                null);
        RuleOutcome out = OutputRules.apply(rules, OK, "ok a(b", "FATAL: disk full");
        assertEquals(
                List.of("ERROR|FATAL", "disk (low|full)", "a(b"),
                out.matchedTriggers().stream().map(RuleSet.Trigger::pattern).toList());
        assertEquals(
                List.of("error", "warning", "info"),
                out.matchedTriggers().stream().map(RuleOutcome::severityOf).toList());
    }

    @Test
    void aTriggerDoesNotSeeTheAssertionLineItWouldOtherwiseMatch() {
        RuleSet rules = new RuleSet(
                List.of(),
                List.of(new RuleSet.Trigger("assertion failed", "error")),
                List.of(new RuleSet.Assertion("done", null)),
                null);
        RuleOutcome out = OutputRules.apply(rules, OK, "", "");
        assertEquals(ExecutionStatus.FAILED, out.status());
        assertEquals(List.of(), out.matchedTriggers());
    }

    @Test
    void aCatastrophicPatternGivesUpInsteadOfHangingTheFinish() {
        // Unbounded, the engine would try billions of splits of the first line before the match on the second.
        String hostile = "a".repeat(40) + "\n" + "a".repeat(12) + "x";
        RuleSet.Extraction nested = regex("n", "(?:.*a){12}x");
        assertEquals(
                Map.of(), OutputRules.apply(extracting(nested), OK, hostile, "").extracted());
        assertTrue(OutputRules.apply(extracting(nested), OK, "a".repeat(12) + "x", "")
                .extracted()
                .containsKey("n"));
    }
}
