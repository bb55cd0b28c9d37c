package io.kronforce.controller.schedule;

import static io.kronforce.controller.schedule.DuePlannerTest.ms;
import static io.kronforce.controller.schedule.DuePlannerTest.schedule;
import static io.kronforce.controller.schedule.DuePlannerTest.timing;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The look ahead (next fires) and behind (missed slots and their fate) at hand-picked instants. */
class UpcomingTest {
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");
    private static final long NOW = ms("2026-03-06T12:00:00Z");

    private static Timing cron(String expression, ZoneId zone, MisfirePolicy policy) {
        return timing(schedule("cron").put("value", expression), zone, null, null, policy);
    }

    private static List<Long> at(String... instants) {
        return java.util.Arrays.stream(instants).map(DuePlannerTest::ms).toList();
    }

    @Test
    void listsTheNextCronFiresInTheJobsZoneAcrossSpringForward() {
        // 09:00 Los Angeles daily: PST (17:00Z) until March 7, PDT (16:00Z) from March 8.
        var f = Upcoming.next(cron("0 0 9 * * *", LA, MisfirePolicy.RUN_ONCE), DuePlanner.History.NONE, NOW, 3);

        assertEquals(at("2026-03-06T17:00:00Z", "2026-03-07T17:00:00Z", "2026-03-08T16:00:00Z"), f.firesMs());
        assertFalse(f.estimate());
        assertNull(f.reason());
    }

    @Test
    void stopsAtTheEndOfTheWindow() {
        Timing t = timing(
                schedule("cron").put("value", "0 0 * * * *"),
                ZoneOffset.UTC,
                null,
                ms("2026-03-06T14:30:00Z"),
                MisfirePolicy.RUN_ONCE);

        assertEquals(
                at("2026-03-06T13:00:00Z", "2026-03-06T14:00:00Z"),
                Upcoming.next(t, DuePlanner.History.NONE, NOW, 10).firesMs());
    }

    @Test
    void aCalendarScheduleListsItsMonthlyRuns() {
        Timing t = timing(
                Schedules.normalize(JsonSpecs.spec("{'type':'calendar','value':{'anchor':'last_day','hour':18}}")),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.RUN_ONCE);

        assertEquals(
                at("2026-03-31T18:00:00Z", "2026-04-30T18:00:00Z"),
                Upcoming.next(t, DuePlanner.History.NONE, NOW, 2).firesMs());
    }

    @Test
    void aOneShotFiresOnceAndAnIntervalIsAnEstimate() {
        Timing once = timing(
                schedule("one_shot").put("value", "2026-03-10T00:00:00Z"),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.RUN_ONCE);
        assertEquals(
                at("2026-03-10T00:00:00Z"),
                Upcoming.next(once, DuePlanner.History.NONE, NOW, 5).firesMs());

        Timing every = timing(
                schedule("interval").set("value", schedule("x").put("interval_secs", 600)),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.RUN_ONCE);
        var idle = Upcoming.next(every, new DuePlanner.History(false, ms("2026-03-06T11:55:00Z")), NOW, 3);
        assertEquals(at("2026-03-06T12:05:00Z", "2026-03-06T12:15:00Z", "2026-03-06T12:25:00Z"), idle.firesMs());
        assertTrue(idle.estimate());
        var busy = Upcoming.next(every, new DuePlanner.History(true, null), NOW, 1);
        assertEquals(at("2026-03-06T12:10:00Z"), busy.firesMs());
    }

    @Test
    void jobsThatCannotFireByThemselvesSayWhy() {
        Timing manual = timing(schedule("on_demand"), ZoneOffset.UTC, null, null, MisfirePolicy.RUN_ONCE);
        Timing event = timing(
                schedule("event").set("value", schedule("x").put("kind_pattern", "job.*")),
                ZoneOffset.UTC,
                null,
                null,
                MisfirePolicy.RUN_ONCE);
        Timing expired = timing(
                schedule("cron").put("value", "0 0 * * * *"),
                ZoneOffset.UTC,
                null,
                ms("2026-03-01T00:00:00Z"),
                MisfirePolicy.RUN_ONCE);

        assertEquals(
                "an on_demand job runs only when triggered",
                Upcoming.next(manual, DuePlanner.History.NONE, NOW, 5).reason());
        assertEquals(
                "an event job runs when an event matching 'job.*' is recorded",
                Upcoming.next(event, DuePlanner.History.NONE, NOW, 5).reason());
        var past = Upcoming.next(expired, DuePlanner.History.NONE, NOW, 5);
        assertEquals(List.of(), past.firesMs());
        assertEquals("the schedule window ended at 2026-03-01T00:00:00Z", past.reason());
    }

    @Test
    void nothingIsMissedWhenThePersistedFireIsAheadOrAbsent() {
        Timing t = cron("0 0 * * * *", ZoneOffset.UTC, MisfirePolicy.RUN_ALL);

        assertEquals(Upcoming.Missed.NONE, Upcoming.missed(t, DuePlanner.History.NONE, null, NOW, 100));
        assertEquals(
                Upcoming.Missed.NONE,
                Upcoming.missed(t, DuePlanner.History.NONE, ms("2026-03-06T13:00:00Z"), NOW, 100));
    }

    @Test
    void missedHourlySlotsAfterAnOutageUnderEachPolicy() {
        // Persisted next fire 08:00; now 12:00 (five slots due: 08, 09, 10, 11 missed, 12 on time).
        long from = ms("2026-03-06T08:00:00Z");

        var once = Upcoming.missed(
                cron("0 0 * * * *", ZoneOffset.UTC, MisfirePolicy.RUN_ONCE), DuePlanner.History.NONE, from, NOW, 100);
        assertEquals(5, once.total());
        assertEquals(at("2026-03-06T12:00:00Z"), once.runMs());
        assertEquals(
                List.of(false, false, false, false, true),
                once.slots().stream().map(Upcoming.Slot::runs).toList());
        assertEquals(ms("2026-03-06T13:00:00Z"), once.nextMs());

        var skip = Upcoming.missed(
                cron("0 0 * * * *", ZoneOffset.UTC, MisfirePolicy.SKIP), DuePlanner.History.NONE, from, NOW, 100);
        assertEquals(at("2026-03-06T12:00:00Z"), skip.runMs());
        assertEquals(4, skip.skipped());

        var all = Upcoming.missed(
                cron("0 0 * * * *", ZoneOffset.UTC, MisfirePolicy.RUN_ALL), DuePlanner.History.NONE, from, NOW, 3);
        assertEquals(5, all.runMs().size());
        assertEquals(0, all.skipped());
        assertEquals(
                at("2026-03-06T08:00:00Z", "2026-03-06T09:00:00Z", "2026-03-06T10:00:00Z"),
                all.slots().stream().map(Upcoming.Slot::atMs).toList());
    }

    @Test
    void aLongOutageOfAPerSecondCronIsCountedAsABound() {
        long from = NOW - 24 * 3_600_000L;

        var m = Upcoming.missed(
                cron("* * * * * *", ZoneOffset.UTC, MisfirePolicy.SKIP), DuePlanner.History.NONE, from, NOW, 100);

        assertTrue(m.capped());
        assertEquals(100, m.slots().size());
        assertTrue(m.total() >= DuePlanner.SCAN_LIMIT);
    }

    @Test
    void aMissedOneShotRunsUnlessThePolicySkipsIt() {
        ObjectNode s = schedule("one_shot").put("value", "2026-03-06T06:00:00Z");
        long slot = ms("2026-03-06T06:00:00Z");

        var run = Upcoming.missed(
                timing(s, ZoneOffset.UTC, null, null, MisfirePolicy.RUN_ONCE), DuePlanner.History.NONE, slot, NOW, 100);
        var skip = Upcoming.missed(
                timing(s, ZoneOffset.UTC, null, null, MisfirePolicy.SKIP), DuePlanner.History.NONE, slot, NOW, 100);

        assertEquals(List.of(new Upcoming.Slot(slot, true)), run.slots());
        assertEquals(List.of(new Upcoming.Slot(slot, false)), skip.slots());
        assertEquals(1, skip.skipped());
    }
}
