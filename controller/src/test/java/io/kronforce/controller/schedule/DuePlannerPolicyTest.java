package io.kronforce.controller.schedule;

import static io.kronforce.controller.schedule.DuePlannerTest.ms;
import static io.kronforce.controller.schedule.DuePlannerTest.schedule;
import static io.kronforce.controller.schedule.DuePlannerTest.timing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.spec.JobSpec;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Misfire policies after a simulated outage, intervals, and the starts_at / expires_at window. */
class DuePlannerPolicyTest {
    // Every minute; the controller was down from 10:00:30 to 10:10:30, so 10:01 … 10:10 were missed.
    private static final long FROM = ms("2026-03-01T10:01:00Z");
    private static final long NOW = ms("2026-03-01T10:10:30Z");

    private static Timing everyMinute(MisfirePolicy policy) {
        return timing(schedule("cron").put("value", "0 * * * * *"), ZoneOffset.UTC, null, null, policy);
    }

    private static List<Long> minutes(int first, int last) {
        return LongStream.rangeClosed(first, last)
                .map(m -> FROM + (m - 1) * 60_000)
                .boxed()
                .toList();
    }

    @Test
    void skipDropsEveryMissedSlotAndPlansTheNext() {
        var plan = DuePlanner.due(everyMinute(MisfirePolicy.SKIP), DuePlanner.History.NONE, FROM, NOW);
        assertEquals(List.of(), plan.fire());
        assertEquals(10, plan.skipped());
        assertEquals(ms("2026-03-01T10:11:00Z"), plan.nextMs());
    }

    @Test
    void runOnceFiresOnlyTheLatestMissedSlot() {
        var plan = DuePlanner.due(everyMinute(MisfirePolicy.RUN_ONCE), DuePlanner.History.NONE, FROM, NOW);
        assertEquals(List.of(ms("2026-03-01T10:10:00Z")), plan.fire());
        assertEquals(9, plan.skipped());
        assertEquals(ms("2026-03-01T10:11:00Z"), plan.nextMs());
    }

    @Test
    void runOnceIsTheDefault() {
        assertEquals(
                MisfirePolicy.RUN_ONCE,
                Timing.of(JobSpec.parse(JsonSpecs.spec("{'schedule':{'type':'on_demand'}}")))
                        .misfire());
    }

    @Test
    void runAllFiresEveryMissedSlotOldestFirst() {
        var plan = DuePlanner.due(everyMinute(MisfirePolicy.RUN_ALL), DuePlanner.History.NONE, FROM, NOW);
        assertEquals(minutes(1, 10), plan.fire());
        assertEquals(0, plan.skipped());
    }

    @Test
    void runAllIsBoundedAndCountsTheRestAsSkipped() {
        Timing everySecond =
                timing(schedule("cron").put("value", "* * * * * *"), ZoneOffset.UTC, null, null, MisfirePolicy.RUN_ALL);
        var plan = DuePlanner.due(everySecond, DuePlanner.History.NONE, ms("2026-03-01T10:00:31Z"), NOW);
        assertEquals(DuePlanner.RUN_ALL_LIMIT, plan.fire().size());
        assertEquals(ms("2026-03-01T10:00:31Z"), plan.fire().getFirst());
        assertEquals(600 - DuePlanner.RUN_ALL_LIMIT, plan.skipped());
        assertEquals(ms("2026-03-01T10:10:31Z"), plan.nextMs());
    }

    @Test
    void aVeryLongOutageIsNotEnumeratedSlotBySlot() {
        Timing everySecond = timing(
                schedule("cron").put("value", "* * * * * *"), ZoneOffset.UTC, null, null, MisfirePolicy.RUN_ONCE);
        var plan = DuePlanner.due(everySecond, DuePlanner.History.NONE, ms("2026-02-01T00:00:00Z"), NOW);
        assertEquals(List.of(ms("2026-03-01T10:10:30Z")), plan.fire());
        assertTrue(plan.countCapped());
        assertTrue(plan.skipped() >= DuePlanner.SCAN_LIMIT);
        assertEquals(ms("2026-03-01T10:10:31Z"), plan.nextMs());
    }

    @Test
    void skipStillFiresSlotsWithinTheGracePeriod() {
        Timing everySecond =
                timing(schedule("cron").put("value", "* * * * * *"), ZoneOffset.UTC, null, null, MisfirePolicy.SKIP);
        var plan = DuePlanner.due(everySecond, DuePlanner.History.NONE, ms("2026-03-01T10:00:31Z"), NOW);
        assertEquals(ms("2026-03-01T10:10:25Z"), plan.fire().getFirst()); // exactly GRACE_MS late is on time
        assertEquals(6, plan.fire().size()); // 10:10:25 … 10:10:30
        assertEquals(594, plan.skipped());
    }

    @Test
    void intervalFiresAtOnceWhenNeverRunThenWaitsForTheRunToFinish() {
        Timing t = timing(
                schedule("interval").set("value", schedule("x").put("interval_secs", 60)),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.DEFAULT);
        long now = ms("2026-03-01T10:00:00Z");
        assertEquals(now, DuePlanner.first(t, DuePlanner.History.NONE, now).nextMs());
        var fired = DuePlanner.due(t, DuePlanner.History.NONE, now, now);
        assertEquals(List.of(now), fired.fire());
        assertNull(fired.nextMs()); // nothing until the run finishes
        assertNull(DuePlanner.first(t, new DuePlanner.History(true, null), now).nextMs());
        var afterRun = DuePlanner.first(t, new DuePlanner.History(false, now + 7_000), now + 7_000);
        assertEquals(now + 67_000, afterRun.nextMs());
    }

    @Test
    void intervalNeverFiresWhileARunIsActive() {
        Timing t = timing(
                schedule("interval").set("value", schedule("x").put("interval_secs", 60)),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.DEFAULT);
        var plan = DuePlanner.due(t, new DuePlanner.History(true, null), NOW - 1000, NOW);
        assertTrue(plan.fire().isEmpty());
        assertNull(plan.nextMs());
    }

    @Test
    void nothingFiresBeforeStartsAt() {
        long startsAt = ms("2026-03-02T00:00:00.500Z");
        Timing t = timing(
                schedule("cron").put("value", "* * * * * *"), ZoneOffset.UTC, startsAt, null, MisfirePolicy.DEFAULT);
        assertEquals(
                ms("2026-03-02T00:00:01Z"),
                DuePlanner.first(t, DuePlanner.History.NONE, NOW).nextMs());
    }

    @Test
    void pastExpiresAtTheJobIsUnscheduledAfterItsLastSlots() {
        long expiresAt = ms("2026-03-01T10:05:00Z");
        Timing t = timing(
                schedule("cron").put("value", "0 * * * * *"), ZoneOffset.UTC, null, expiresAt, MisfirePolicy.RUN_ALL);
        var plan = DuePlanner.due(t, DuePlanner.History.NONE, FROM, NOW);
        assertEquals(minutes(1, 5), plan.fire());
        assertTrue(plan.unschedule());
        assertNull(plan.nextMs());
        assertTrue(DuePlanner.first(t, DuePlanner.History.NONE, NOW).unschedule());
    }

    @Test
    void anOnDemandJobWithAnExpiryWakesOnceToBeUnscheduled() {
        long expiresAt = ms("2026-03-01T12:00:00Z");
        Timing t = timing(schedule("on_demand"), ZoneOffset.UTC, null, expiresAt, MisfirePolicy.DEFAULT);
        var planned = DuePlanner.first(t, DuePlanner.History.NONE, NOW);
        assertEquals(expiresAt + 1, planned.nextMs());
        assertFalse(planned.unschedule());
        var woken = DuePlanner.due(t, DuePlanner.History.NONE, planned.nextMs(), expiresAt + 1);
        assertTrue(woken.fire().isEmpty());
        assertTrue(woken.unschedule());
    }
}
