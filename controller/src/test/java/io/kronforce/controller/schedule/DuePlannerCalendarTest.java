package io.kronforce.controller.schedule;

import static io.kronforce.controller.schedule.DuePlannerTest.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.spec.Schedule;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calendar schedules through the planner: planned like cron, slots are the computed instants. */
class DuePlannerCalendarTest {
    private static final DuePlanner.History NEVER_RAN = DuePlanner.History.NONE;
    private static final ZoneId LA = ZoneId.of("America/Los_Angeles");

    private static Timing calendar(String value, MisfirePolicy policy) {
        var normalized = Schedules.normalize(JsonSpecs.spec("{'type':'calendar','value':{" + value + "}}"));
        return new Timing(Schedule.parse(normalized), LA, null, null, policy);
    }

    @Test
    void aNewCalendarJobIsPlannedForItsNextDateInItsZone() {
        Timing t = calendar("'anchor':'last_day','hour':17", MisfirePolicy.DEFAULT);
        // 2026-03-01T00:00Z is still February 28 (16:00 PST) in Los Angeles: its 17:00 is an hour away.
        var plan = DuePlanner.first(t, NEVER_RAN, ms("2026-03-01T00:00:00Z"));
        assertEquals(ms("2026-03-01T01:00:00Z"), plan.nextMs());
        assertTrue(plan.fire().isEmpty());
        assertEquals(
                ms("2026-04-01T00:00:00Z"), // March 31, 17:00 PDT
                DuePlanner.first(t, NEVER_RAN, ms("2026-03-01T01:00:00Z")).nextMs());
    }

    @Test
    void aDueSlotFiresOnceAndTheNextMonthFollows() {
        Timing t = calendar("'anchor':'last_day','hour':17", MisfirePolicy.DEFAULT);
        long slot = ms("2026-04-01T00:00:00Z");
        var plan = DuePlanner.due(t, NEVER_RAN, slot, slot + 30);
        assertEquals(List.of(slot), plan.fire());
        assertEquals(ms("2026-05-01T00:00:00Z"), plan.nextMs()); // April 30, 17:00 PDT
        assertEquals(0, plan.skipped());
    }

    @Test
    void missedCalendarSlotsFollowTheMisfirePolicy() {
        String value = "'anchor':'day_1','hour':9";
        long march = ms("2026-03-01T17:00:00Z"); // 09:00 PST
        long now = ms("2026-05-10T00:00:00Z"); // down since before March 1: March, April and May missed
        var once = DuePlanner.due(calendar(value, MisfirePolicy.RUN_ONCE), NEVER_RAN, march, now);
        assertEquals(List.of(ms("2026-05-01T16:00:00Z")), once.fire());
        assertEquals(2, once.skipped());
        assertEquals(ms("2026-06-01T16:00:00Z"), once.nextMs());

        var all = DuePlanner.due(calendar(value, MisfirePolicy.RUN_ALL), NEVER_RAN, march, now);
        assertEquals(List.of(march, ms("2026-04-01T16:00:00Z"), ms("2026-05-01T16:00:00Z")), all.fire());

        var skip = DuePlanner.due(calendar(value, MisfirePolicy.SKIP), NEVER_RAN, march, now);
        assertTrue(skip.fire().isEmpty());
        assertEquals(3, skip.skipped());
    }

    @Test
    void aCalendarWithNoDateWithinTheHorizonIsNotPlanned() {
        var plan = DuePlanner.first(
                calendar("'anchor':'day_31','months':[2]", MisfirePolicy.DEFAULT),
                NEVER_RAN,
                ms("2026-03-01T00:00:00Z"));
        assertNull(plan.nextMs());
    }
}
