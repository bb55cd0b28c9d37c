package io.kronforce.controller.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.notifier.EventKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC §k's triggers, with §p.10 fixed: the post-assertion status, and on_assertion_failure meaning assertions. */
class JobRuleTest {

    private static final String ASSERTION_STDERR = "\n[assertion failed] pattern 'OK' not found";

    private static JobRule rule(String json) throws Exception {
        return JobRule.of(new ObjectMapper().readTree(json)).orElseThrow();
    }

    @Test
    void onFailureCoversFailedTimedOutAndAssertionFailures() throws Exception {
        JobRule r = rule("{\"on_failure\":true}");
        assertEquals(Optional.of(EventKind.JOB_FAILED), r.decide(ExecutionStatus.FAILED, "boom"));
        assertEquals(Optional.of(EventKind.JOB_FAILED), r.decide(ExecutionStatus.TIMED_OUT, ""));
        assertEquals(Optional.of(EventKind.ASSERTION_FAILED), r.decide(ExecutionStatus.FAILED, ASSERTION_STDERR));
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.SUCCEEDED, ""));
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.CANCELLED, ""));
    }

    @Test
    void onAssertionFailureAloneIgnoresOrdinaryFailures() throws Exception {
        JobRule r = rule("{\"on_assertion_failure\":true}");
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.FAILED, "exit 2"));
        assertEquals(Optional.of(EventKind.ASSERTION_FAILED), r.decide(ExecutionStatus.FAILED, ASSERTION_STDERR));
    }

    @Test
    void successesNotifyOnlyOnSuccessButStillResolveIncidents() throws Exception {
        assertEquals(Optional.of(EventKind.JOB_SUCCEEDED), rule("{\"on_success\":true}").decide(ExecutionStatus.SUCCEEDED, ""));
        JobRule failuresOnly = rule("{\"on_failure\":true}");
        assertTrue(failuresOnly.resolvesQuietly(ExecutionStatus.SUCCEEDED));
        assertFalse(rule("{\"on_success\":true,\"on_failure\":true}").resolvesQuietly(ExecutionStatus.SUCCEEDED));
        assertFalse(rule("{}").resolvesQuietly(ExecutionStatus.SUCCEEDED));
    }

    @Test
    void recipientsAndEmailOutput() throws Exception {
        JobRule r = rule("{\"recipients\":{\"emails\":[\"a@x.io\"],\"phones\":[]},\"email_output\":\"failure\"}");
        Recipients merged = r.recipients().orElse(new Recipients(List.of("global@x.io"), List.of("+1555")));
        assertEquals(List.of("a@x.io"), merged.emails());
        assertEquals(List.of("+1555"), merged.phones());
        assertTrue(r.emailsOutput(ExecutionStatus.FAILED));
        assertFalse(r.emailsOutput(ExecutionStatus.SUCCEEDED));
        assertTrue(JobRule.of(null).isEmpty());
    }
}
