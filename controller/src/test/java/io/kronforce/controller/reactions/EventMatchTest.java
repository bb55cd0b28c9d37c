package io.kronforce.controller.reactions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.spec.Schedule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The event schedule matcher as a table (docs/reference/events.md#event-triggered-jobs). */
class EventMatchTest {

    @ParameterizedTest(name = "{0} ~ {1} -> {2}")
    @CsvSource({
        "*, execution.completed, true",
        "*, key.created, true",
        "execution.*, execution.completed, true",
        "execution.*, execution.skipped, true",
        "execution.*, executions.completed, false",
        "execution.*, execution, false",
        "exec*, execution.completed, true",
        "exec*, executive, true",
        "exec*, job.created, false",
        "job.created, job.created, true",
        "job.created, job.created2, false",
        "job.created, job.updated, false",
        "sla.*, sla.breach, true",
    })
    void kindPatterns(String pattern, String kind, boolean expected) {
        assertEquals(expected, EventMatch.kindMatches(pattern, kind));
    }

    private static Event event(String kind, String severity, String jobId, String message) {
        return new Event("e1", kind, severity, message, jobId, null, null, null, null, null, 0);
    }

    private static Schedule.Event value(String pattern, String severity, String filter) {
        return new Schedule.Event(pattern, severity, filter);
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} vs {3}/{4}/{5} -> {6}")
    @CsvSource(
            nullValues = "-",
            value = {
                // pattern, severity, filter, kind, event severity, message, expected (event job name is 'Nightly-ETL')
                "*, -, -, x.y, info, m, true",
                "*, error, -, execution.completed, error, m, true",
                "*, error, -, execution.completed, success, m, false",
                "*, -, etl, execution.completed, success, m, true",
                "*, -, ETL, execution.completed, success, m, true",
                "*, -, backup, execution.completed, success, m, false",
                "*, -, backup, execution.completed, success, Job 'Backup-1' created, true",
                "job.*, warning, night, job.deleted, warning, m, true",
                "job.*, warning, night, job.deleted, info, m, false",
            })
    void severity_and_job_name_filter(
            String pattern,
            String severity,
            String filter,
            String kind,
            String eventSeverity,
            String message,
            boolean expected) {
        assertEquals(
                expected,
                EventMatch.matches(
                        value(pattern, severity, filter),
                        event(kind, eventSeverity, "j1", message),
                        () -> "Nightly-ETL"));
    }

    @org.junit.jupiter.api.Test
    void the_job_name_is_not_looked_up_without_a_filter() {
        assertEquals(true, EventMatch.matches(value("*", null, null), event("a", "info", "j1", "m"), () -> {
            throw new AssertionError("looked up");
        }));
    }

    @org.junit.jupiter.api.Test
    void an_event_without_a_job_matches_a_filter_through_its_message_only() {
        assertEquals(false, EventMatch.matches(value("*", null, "etl"), event("a", "info", null, "m"), () -> null));
        assertEquals(
                true, EventMatch.matches(value("*", null, "etl"), event("a", "info", null, "ETL done"), () -> null));
    }
}
