package io.kronforce.controller.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output rules are part of the run: a rule that overflows the stack fails the run instead of leaving
 * it {@code running} (which, with {@code max_concurrent: 1}, skipped every later trigger), and a rule
 * that backtracks without end is cut off by the job's timeout. The second test steps the controller's
 * clock past the deadline between the task's start and its rules, so no wall-clock race decides it.
 */
class OutputRuleBoundariesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** 50,000 characters of {@code a}: enough for Java's regex engine to recurse past any stack. */
    private static final String FIFTY_THOUSAND_AS = "head -c 50000 /dev/zero | tr '\\0' a";

    @TempDir
    Path dir;

    TestController tc;

    @AfterEach
    void stop() {
        if (tc != null) {
            tc.close();
        }
    }

    /** The run without its 50,000 characters of stdout, for failure messages. */
    private static String brief(JsonNode run) {
        ObjectNode copy = run.deepCopy();
        copy.put("stdout", copy.path("stdout").asText().length() + " characters");
        return copy.toString();
    }

    private static ObjectNode triggerOn(String pattern) {
        ObjectNode rules = TestController.JSON.createObjectNode();
        rules.putArray("triggers").addObject().put("pattern", pattern).put("severity", "error");
        return rules;
    }

    @Test
    void aStackOverflowInAnOutputRuleFailsTheRunInsteadOfHangingIt() {
        tc = TestController.start(dir);
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("overflowing-rule"), FIFTY_THOUSAND_AS)
                        .timeout(60)
                        .with("max_concurrent", IntNode.valueOf(1))
                        .outputRules(triggerOn("(a|aa)*c")));

        JsonNode first = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("failed", first.path("status").asText(), () -> brief(first));
        assertTrue(
                first.path("stderr")
                        .asText()
                        .contains("[output rules] output rule pattern '(a|aa)*c' overflowed the stack while matching"
                                + " 50000 characters of output"),
                () -> brief(first));
        assertEquals(50_000, first.path("stdout").asText().length());

        // The slot is free again: a later trigger runs instead of being skipped behind a hung run.
        JsonNode second = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("failed", second.path("status").asText(), () -> brief(second));
        assertEquals(50_000, second.path("stdout").asText().length());
    }

    @Test
    void aCatastrophicallyBacktrackingRuleIsCutOffByTheJobTimeout() throws IOException {
        MutableInstantSource clock = MutableInstantSource.at("2026-03-02T10:00:00Z");
        tc = TestController.start(dir, Map.of(), clock);
        Path gate = dir.resolve("gate");
        String job = Api.createJob(
                tc,
                Jobs.shell(
                                Jobs.uniqueName("backtracking-rule"),
                                "while [ ! -e '" + gate + "' ]; do sleep 0.02; done; " + FIFTY_THOUSAND_AS)
                        .timeout(30)
                        .outputRules(triggerOn("(a+)+b")));
        String execution = Api.trigger(tc, job);
        Api.awaitStatus(tc, execution, "running", WAIT);

        // The task itself stays well inside its 30 s of wall-clock time; its rules begin past the deadline.
        clock.advance(Duration.ofMinutes(2));
        Files.createFile(gate);

        JsonNode run = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("timed_out", run.path("status").asText(), () -> brief(run));
        assertTrue(
                run.path("stderr")
                        .asText()
                        .contains("[output rules] job timed out after 30s while its output rules were still matching"),
                () -> brief(run));
    }
}
