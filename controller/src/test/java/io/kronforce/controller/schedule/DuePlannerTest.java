package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.spec.Schedule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner alone: no database, no clock, no threads. Times are UTC unless a zone is named. */
class DuePlannerTest {
    private static final DuePlanner.History NEVER_RAN = DuePlanner.History.NONE;

    static long ms(String rfc3339) {
        return Instant.parse(rfc3339).toEpochMilli();
    }

    static Timing cron(String expression, ZoneId zone) {
        return timing(schedule("cron").put("value", expression), zone, null, null, MisfirePolicy.DEFAULT);
    }

    static Timing timing(ObjectNode schedule, ZoneId zone, Long startsAt, Long expiresAt, MisfirePolicy policy) {
        return new Timing(Schedule.parse(schedule), zone, startsAt, expiresAt, policy);
    }

    static ObjectNode schedule(String type) {
        return JsonNodeFactory.instance.objectNode().put("type", type);
    }

    @Test
    void aNewEverySecondCronIsPlannedForTheNextWholeSecond() {
        var plan = DuePlanner.first(cron("* * * * * *", ZoneOffset.UTC), NEVER_RAN, ms("2026-03-01T10:00:00.400Z"));
        assertEquals(ms("2026-03-01T10:00:01Z"), plan.nextMs());
        assertTrue(plan.fire().isEmpty());
    }

    @Test
    void aDueEverySecondSlotFiresOnceAndTheNextSecondFollows() {
        var plan = DuePlanner.due(
                cron("* * * * * *", ZoneOffset.UTC),
                NEVER_RAN,
                ms("2026-03-01T10:00:01Z"),
                ms("2026-03-01T10:00:01.030Z"));
        assertEquals(List.of(ms("2026-03-01T10:00:01Z")), plan.fire());
        assertEquals(ms("2026-03-01T10:00:02Z"), plan.nextMs());
        assertEquals(0, plan.skipped());
    }

    @Test
    void aSlotNotYetDueFiresNothingAndKeepsItsTime() {
        var plan = DuePlanner.due(
                cron("0 * * * * *", ZoneOffset.UTC),
                NEVER_RAN,
                ms("2026-03-01T10:01:00Z"),
                ms("2026-03-01T10:00:59.999Z"));
        assertTrue(plan.fire().isEmpty());
        assertEquals(ms("2026-03-01T10:01:00Z"), plan.nextMs());
    }

    @Test
    void slotsALittleLateAllFireWhateverThePolicy() {
        Timing skip =
                timing(schedule("cron").put("value", "* * * * * *"), ZoneOffset.UTC, null, null, MisfirePolicy.SKIP);
        var plan = DuePlanner.due(skip, NEVER_RAN, ms("2026-03-01T10:00:01Z"), ms("2026-03-01T10:00:03.500Z"));
        assertEquals(
                List.of(ms("2026-03-01T10:00:01Z"), ms("2026-03-01T10:00:02Z"), ms("2026-03-01T10:00:03Z")),
                plan.fire());
        assertEquals(ms("2026-03-01T10:00:04Z"), plan.nextMs());
    }

    @Test
    void cronIsReadInTheJobsZone() {
        var plan = DuePlanner.first(
                cron("0 0 9 * * *", ZoneId.of("Europe/Berlin")), NEVER_RAN, ms("2026-01-15T12:00:00Z"));
        assertEquals(ms("2026-01-16T08:00:00Z"), plan.nextMs()); // 09:00 CET
        var tokyo =
                DuePlanner.first(cron("0 0 9 * * *", ZoneId.of("Asia/Tokyo")), NEVER_RAN, ms("2026-01-15T12:00:00Z"));
        assertEquals(ms("2026-01-16T00:00:00Z"), tokyo.nextMs()); // 09:00 JST
    }

    @Test
    void springForwardSkipsALocalTimeThatDoesNotExist() {
        // 2026-03-08 02:30 does not exist in Los Angeles (02:00 PST → 03:00 PDT): that day has no run.
        Timing t = cron("0 30 2 * * *", ZoneId.of("America/Los_Angeles"));
        long march7 = ms("2026-03-07T10:30:00Z"); // 02:30 PST, the day before
        var plan = DuePlanner.due(t, NEVER_RAN, march7, march7);
        assertEquals(List.of(march7), plan.fire());
        assertEquals(ms("2026-03-09T09:30:00Z"), plan.nextMs()); // 02:30 PDT, the day after
    }

    @Test
    void springForwardKeepsHourlySchedulesOnElapsedHours() {
        Timing t = cron("0 0 * * * *", ZoneId.of("America/Los_Angeles"));
        var plan = DuePlanner.due(t, NEVER_RAN, ms("2026-03-08T09:00:00Z"), ms("2026-03-08T09:00:00Z")); // 01:00 PST
        assertEquals(ms("2026-03-08T10:00:00Z"), plan.nextMs()); // 03:00 PDT: one real hour later
    }

    @Test
    void fallBackFiresAnAmbiguousFixedTimeOnce() {
        // 2026-11-01 01:30 happens twice in Los Angeles (PDT, then PST); the job runs at the first.
        Timing t = cron("0 30 1 * * *", ZoneId.of("America/Los_Angeles"));
        long first = ms("2026-11-01T08:30:00Z"); // 01:30 PDT
        var plan = DuePlanner.due(t, NEVER_RAN, first, first + 20);
        assertEquals(List.of(first), plan.fire());
        assertEquals(ms("2026-11-02T09:30:00Z"), plan.nextMs()); // not 09:30Z (01:30 PST) the same day
    }

    @Test
    void fallBackReplanBetweenTheTwoCopiesDoesNotFireTheSecond() {
        Timing t = cron("0 30 1 * * *", ZoneId.of("America/Los_Angeles"));
        var plan = DuePlanner.first(t, NEVER_RAN, ms("2026-11-01T08:45:00Z")); // 01:45 PDT, job edited
        assertEquals(ms("2026-11-02T09:30:00Z"), plan.nextMs());
    }

    @Test
    void fallBackKeepsWildcardHourSchedulesRunningThroughTheRepeatedHour() {
        Timing t = cron("0 0/30 * * * *", ZoneId.of("America/Los_Angeles"));
        var plan = DuePlanner.first(t, NEVER_RAN, ms("2026-11-01T09:10:00Z")); // 01:10 PST, second copy
        assertEquals(ms("2026-11-01T09:30:00Z"), plan.nextMs()); // 01:30 PST still fires
    }

    @Test
    void aFutureOneShotWaitsThenFiresOnceAndUnschedules() {
        Timing t = timing(
                schedule("one_shot").put("value", "2026-04-01T00:00:00Z"),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.DEFAULT);
        assertEquals(
                ms("2026-04-01T00:00:00Z"),
                DuePlanner.first(t, NEVER_RAN, ms("2026-03-01T00:00:00Z")).nextMs());
        var plan = DuePlanner.due(t, NEVER_RAN, ms("2026-04-01T00:00:00Z"), ms("2026-04-01T00:00:00.010Z"));
        assertEquals(List.of(ms("2026-04-01T00:00:00Z")), plan.fire());
        assertTrue(plan.unschedule());
        assertNull(plan.nextMs());
    }

    @Test
    void aPastOneShotIsDueAtOnce() {
        Timing t = timing(
                schedule("one_shot").put("value", "2026-01-01T00:00:00Z"),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.SKIP);
        long now = ms("2026-03-01T00:00:00Z");
        var planned = DuePlanner.first(t, NEVER_RAN, now);
        assertEquals(now, planned.nextMs());
        var plan = DuePlanner.due(t, NEVER_RAN, planned.nextMs(), now);
        assertEquals(List.of(now), plan.fire()); // created late is not a misfire, even under skip
        assertTrue(plan.unschedule());
    }
}
