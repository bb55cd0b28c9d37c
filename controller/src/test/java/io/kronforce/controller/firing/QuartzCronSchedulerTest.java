package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Job;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A five-field cron with Quartz's {@code #} through the real loop and database, stepped by hand
 * with a hand-set clock: read in the job's zone across the spring-forward change, fired once per
 * slot, and caught up after an outage by its misfire policy.
 */
class QuartzCronSchedulerTest extends SchedulerRigTest {
    /** 09:00 New York on the second Monday: March 9 2026 is already EDT (13:00Z), not EST (14:00Z). */
    private static final String SECOND_MONDAY = "{'type':'cron','value':'0 9 ? * MON#2'}";

    @Test
    void firesTheSecondMondayInNewYorkTimeOnceAndPlansTheNext() {
        Job job = rig.create(job("second-monday", SECOND_MONDAY, "'timezone':'America/New_York'"));
        rig.step();
        assertEquals(ms("2026-03-09T13:00:00Z"), persistedNext(job.id()));

        clock.set(Instant.parse("2026-03-09T13:00:00.020Z"));
        rig.step();
        rig.step();

        assertEquals(1, rig.executionsAt(job.id(), "2026-03-09T13:00:00Z"));
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(ms("2026-04-13T13:00:00Z"), persistedNext(job.id()));
    }

    @Test
    void afterAnOutageRunOnceFiresOnlyTheLatestMissedSlot() {
        Job job = rig.create(job(
                "second-monday-outage", SECOND_MONDAY, "'timezone':'America/New_York','misfire_policy':'run_once'"));
        rig.step();

        // Down from March 1 to June 1: March 9, April 13 and May 11 were missed.
        clock.set(Instant.parse("2026-06-01T00:00:00Z"));
        rig.step();

        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(1, rig.executionsAt(job.id(), "2026-05-11T13:00:00Z"));
        assertEquals(ms("2026-06-08T13:00:00Z"), persistedNext(job.id()));
    }

    @Test
    void theFirstSundayAt0130FiresOnceOnTheFallBackDayInLosAngeles() {
        // 2026-11-01 is the first Sunday of November and 01:30 happens twice there (PDT 08:30Z, PST 09:30Z).
        clock.set(Instant.parse("2026-11-01T08:00:00Z"));
        Job job = rig.create(
                job("first-sunday", "{'type':'cron','value':'30 1 ? * SUN#1'}", "'timezone':'America/Los_Angeles'"));
        rig.step();
        assertEquals(ms("2026-11-01T08:30:00Z"), persistedNext(job.id()));

        clock.set(Instant.parse("2026-11-01T08:30:00.020Z"));
        rig.step();
        clock.set(Instant.parse("2026-11-01T09:30:00.020Z"));
        rig.step();

        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(ms("2026-12-06T09:30:00Z"), persistedNext(job.id()));
    }
}
