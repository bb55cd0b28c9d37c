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

/**
 * The per-job notification rules (docs/reference/notifications.md), judged on the post-assertion status, with
 * on_assertion_failure meaning assertions (upstream's did not, docs/reference/differences.md row 10).
 */
class JobRuleTest {

    private static JobRule rule(String json) throws Exception {
        return JobRule.of(new ObjectMapper().readTree(json)).orElseThrow();
    }

    @Test
    void onFailureCoversFailedTimedOutAndAssertionFailures() throws Exception {
        JobRule r = rule("{\"on_failure\":true}");
        assertEquals(Optional.of(EventKind.JOB_FAILED), r.decide(ExecutionStatus.FAILED, false));
        assertEquals(Optional.of(EventKind.JOB_FAILED), r.decide(ExecutionStatus.TIMED_OUT, false));
        assertEquals(Optional.of(EventKind.ASSERTION_FAILED), r.decide(ExecutionStatus.FAILED, true));
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.SUCCEEDED, false));
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.CANCELLED, false));
    }

    @Test
    void onAssertionFailureAloneIgnoresOrdinaryFailures() throws Exception {
        JobRule r = rule("{\"on_assertion_failure\":true}");
        assertEquals(Optional.empty(), r.decide(ExecutionStatus.FAILED, false));
        assertEquals(Optional.of(EventKind.ASSERTION_FAILED), r.decide(ExecutionStatus.FAILED, true));
    }

    @Test
    void successesNotifyOnlyOnSuccessButStillResolveIncidents() throws Exception {
        assertEquals(
                Optional.of(EventKind.JOB_SUCCEEDED),
                rule("{\"on_success\":true}").decide(ExecutionStatus.SUCCEEDED, false));
        JobRule failuresOnly = rule("{\"on_failure\":true}");
        assertTrue(failuresOnly.resolvesQuietly(ExecutionStatus.SUCCEEDED));
        assertFalse(rule("{\"on_success\":true,\"on_failure\":true}").resolvesQuietly(ExecutionStatus.SUCCEEDED));
        assertFalse(rule("{}").resolvesQuietly(ExecutionStatus.SUCCEEDED));
    }

    @Test
    void alertsFollowTheirOwnFlags() throws Exception {
        JobRule failures = rule("{\"on_failure\":true}");
        assertTrue(failures.wants(EventKind.SLA_BREACH), "a breach is a failure to notify about");
        assertFalse(failures.wants(EventKind.SLA_WARNING));
        assertFalse(failures.wants(EventKind.RETRIES_EXHAUSTED), "each failed attempt already notified");
        JobRule sla = rule("{\"on_sla\":true,\"on_retries_exhausted\":true}");
        assertTrue(sla.wants(EventKind.SLA_WARNING));
        assertTrue(sla.wants(EventKind.SLA_BREACH));
        assertTrue(sla.wants(EventKind.RETRIES_EXHAUSTED));
        assertFalse(rule("{}").wants(EventKind.SLA_BREACH));
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
