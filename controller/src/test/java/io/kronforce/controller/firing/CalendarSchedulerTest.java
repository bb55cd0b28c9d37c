package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Job;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A calendar job through the real loop and database, stepped by hand with a hand-set clock. */
class CalendarSchedulerTest extends SchedulerRigTest {
    /** March 1 at 03:00 in Los Angeles (PST) is 11:00Z; April 1 at 03:00 (PDT) is 10:00Z. */
    private static final String FIRST_AT_THREE = "{'type':'calendar','value':{'anchor':'day_1','hour':3}}";

    @Test
    void aCalendarJobFiresItsSlotOnceInItsZone() {
        Job job = rig.create(job("monthly", FIRST_AT_THREE, "'timezone':'America/Los_Angeles'"));
        rig.step();
        assertEquals(ms("2026-03-01T11:00:00Z"), persistedNext(job.id()));

        clock.set(Instant.parse("2026-03-01T10:59:59.999Z"));
        rig.step();
        // Admitted ahead of its slot (docs/decisions/0080-admit-slots-ahead.md): stored, not started.
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(1, tdb.countWhere("executions", "status='pending' AND started_at_ms IS NULL"));

        clock.set(Instant.parse("2026-03-01T11:00:00.020Z"));
        rig.step();
        rig.step();
        clock.set(Instant.parse("2026-03-01T11:00:30Z"));
        rig.step();
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T11:00:00Z"));
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(ms("2026-04-01T10:00:00Z"), persistedNext(job.id()));
    }

    @Test
    void anUnplannedCalendarJobIsPlannedWhenTheLoopLoads() {
        Job job = rig.create(job("legacy-monthly", FIRST_AT_THREE, "'timezone':'America/Los_Angeles'"));
        tdb.write(c -> c.createStatement().executeUpdate("UPDATE jobs SET next_fire_ms=NULL"));
        rig.close();
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(ms("2026-03-01T11:00:00Z"), persistedNext(job.id()));
    }

    @Test
    void aRunDroppedOnAHolidayIsRecordedWhenTheNextRunFires() {
        // day_15 at 12:00 UTC; March 15 is a holiday (and skip, the default roll, drops it); 2026-04-15 is a Wednesday.
        Job job = rig.create(job(
                "mid-month",
                "{'type':'calendar','value':{'anchor':'day_15','hour':12," + "'holidays':['2026-03-15','2025-12-15']}}",
                ""));
        rig.step();
        assertEquals(ms("2026-04-15T12:00:00Z"), persistedNext(job.id()));

        clock.set(Instant.parse("2026-04-15T12:00:00.200Z"));
        rig.step();
        assertEquals(1, rig.executionsAt(job.id(), "2026-04-15T12:00:00Z"));
        assertEquals(
                1,
                tdb.countWhere(
                        "executions",
                        "job_id='" + job.id() + "' AND status='skipped'"
                                + " AND stderr='skipped: 2026-03-15 is a holiday' AND scheduled_for_ms="
                                + ms("2026-03-15T12:00:00Z")));
        assertEquals(
                2,
                tdb.countWhere("executions", "job_id='" + job.id() + "'"),
                "the holiday before the job existed leaves no row");
    }
}
