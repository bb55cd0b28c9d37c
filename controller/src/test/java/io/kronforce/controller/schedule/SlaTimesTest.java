package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.JobSpec;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SLA instants in the job's time zone, both DST transitions included (upstream reads them as UTC). */
class SlaTimesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SlaTimes sla(String deadline, int warningMins, String zone) {
        ObjectNode spec = JSON.createObjectNode().put("sla_deadline", deadline).put("sla_warning_mins", warningMins);
        spec.putObject("schedule").put("type", "on_demand");
        if (zone != null) {
            spec.put("timezone", zone);
        }
        return SlaTimes.of(JobSpec.parse(spec)).orElseThrow();
    }

    private static long ms(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void noDeadlineMeansNoSla() {
        assertTrue(SlaTimes.of(JobSpec.parse(JSON.createObjectNode()
                        .putNull("sla_deadline")
                        .set("schedule", JSON.createObjectNode().put("type", "on_demand"))))
                .isEmpty());
    }

    @Test
    void aDeadlineWithoutAZoneIsUtcAndTheWarningComesFirst() {
        List<SlaTimes.Check> day = sla("06:00", 15, null).on(LocalDate.parse("2026-05-04"));
        assertEquals(SlaTimes.Kind.WARNING, day.get(0).kind());
        assertEquals(ms("2026-05-04T05:45:00Z"), day.get(0).atMs());
        assertEquals(SlaTimes.Kind.BREACH, day.get(1).kind());
        assertEquals(ms("2026-05-04T06:00:00Z"), day.get(1).atMs());
        assertEquals(1, sla("06:00", 0, null).on(LocalDate.parse("2026-05-04")).size(), "no warning at 0 minutes");
    }

    @Test
    void aDeadlineFollowsItsZoneAcrossTheYear() {
        SlaTimes ny = sla("06:00", 0, "America/New_York");
        assertEquals(
                ms("2026-01-15T11:00:00Z"),
                ny.on(LocalDate.parse("2026-01-15")).get(0).atMs()); // EST
        assertEquals(
                ms("2026-07-15T10:00:00Z"),
                ny.on(LocalDate.parse("2026-07-15")).get(0).atMs()); // EDT
    }

    @Test
    void aDeadlineInTheSpringForwardGapMovesForwardByTheGap() {
        // 2026-03-08 02:30 does not exist in New York; clocks jump from 02:00 EST to 03:00 EDT.
        SlaTimes.Check breach = sla("02:30", 0, "America/New_York")
                .on(LocalDate.parse("2026-03-08"))
                .get(0);
        assertEquals(ms("2026-03-08T07:30:00Z"), breach.atMs()); // 03:30 EDT
    }

    @Test
    void aDeadlineInTheFallBackOverlapIsItsFirstOccurrenceAndTheWarningIsAbsolute() {
        // 2026-11-01 01:30 happens twice in New York (EDT, then EST): the first one counts.
        List<SlaTimes.Check> day = sla("01:30", 60, "America/New_York").on(LocalDate.parse("2026-11-01"));
        assertEquals(ms("2026-11-01T05:30:00Z"), day.get(1).atMs()); // 01:30 EDT
        assertEquals(ms("2026-11-01T04:30:00Z"), day.get(0).atMs()); // an hour earlier in real time
    }

    @Test
    void nextAndDueFindTheChecksAroundAnInstant() {
        SlaTimes berlin = sla("11:05", 3, "Europe/Berlin"); // 10:05Z in winter
        assertEquals(
                ms("2026-03-01T10:02:00Z"),
                berlin.next(ms("2026-03-01T10:00:00Z")).atMs());
        assertEquals(
                ms("2026-03-01T10:05:00Z"),
                berlin.next(ms("2026-03-01T10:02:00Z")).atMs());
        assertEquals(
                ms("2026-03-02T10:02:00Z"),
                berlin.next(ms("2026-03-01T10:05:00Z")).atMs());

        assertEquals(
                List.of(SlaTimes.Kind.WARNING),
                berlin.dueAt(ms("2026-03-01T10:02:30Z"), 60_000).stream()
                        .map(SlaTimes.Check::kind)
                        .toList());
        assertTrue(berlin.dueAt(ms("2026-03-01T10:03:30Z"), 60_000).isEmpty(), "past the grace: not raised late");
        assertTrue(berlin.dueAt(ms("2026-03-01T10:01:59Z"), 60_000).isEmpty());
    }
}
