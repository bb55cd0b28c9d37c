package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.spec.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only look ahead and behind for one job: its next fire instants, and the slots it has
 * missed with what its {@link MisfirePolicy} would do with them if the loop ran now. Pure, like
 * {@link DuePlanner}, whose decisions it reports rather than repeats: the first fire is
 * {@link DuePlanner#first}'s, the missed slots are {@link DuePlanner#dueSlots} and their fate is
 * {@link DuePlanner#due}'s plan. Thread-safe (stateless).
 */
public final class Upcoming {
    private Upcoming() {}

    /**
     * Future fires, oldest first.
     *
     * @param estimate the instants assume runs take no time (interval schedules count from a run's end)
     * @param reason   why there are none (never fires by itself, window ended, nothing within the horizon); null otherwise
     */
    public record Forecast(List<Long> firesMs, boolean estimate, String reason) {}

    /** A due slot and whether the plan runs it. */
    public record Slot(long atMs, boolean runs) {}

    /**
     * The slots due between the persisted next fire and now, as the loop would judge them now.
     *
     * @param slots     the oldest due slots, at most the limit asked for
     * @param runMs     the slots the policy runs (at most {@link DuePlanner#RUN_ALL_LIMIT})
     * @param skipped   the slots the policy drops (a lower bound when {@code capped})
     * @param nextMs    the next fire after the catch-up; null when none is planned
     */
    public record Missed(List<Slot> slots, List<Long> runMs, long skipped, boolean capped, Long nextMs) {
        public static final Missed NONE = new Missed(List.of(), List.of(), 0, false, null);

        public long total() {
            return runMs.size() + skipped;
        }
    }

    /** Up to {@code count} fires after {@code nowMs} for a job planned afresh now. */
    public static Forecast next(Timing t, DuePlanner.History h, long nowMs, int count) {
        if ("on_demand".equals(t.type())) {
            return none("an on_demand job runs only when triggered");
        }
        if ("event".equals(t.type())) {
            return none("an event job runs when an event matching '" + ((Schedule.Event) t.schedule()).kindPattern()
                    + "' is recorded");
        }
        if (t.expiredAt(nowMs)) {
            return none("the schedule window ended at " + Instant.ofEpochMilli(t.expiresAtMs()));
        }
        boolean interval = "interval".equals(t.type());
        // While an interval run is active the loop plans nothing; the earliest its end allows is now + interval.
        Long first = interval && h.runActive()
                ? Long.valueOf(nowMs + t.intervalMs())
                : DuePlanner.first(t, h, nowMs).nextMs();
        List<Long> out = new ArrayList<>();
        for (Long at = first; at != null && t.inWindow(at) && out.size() < count; at = after(t, at)) {
            out.add(at);
        }
        if (out.isEmpty()) {
            return none(
                    first != null && !t.inWindow(first)
                            ? "no fire before the schedule window ends at " + Instant.ofEpochMilli(t.expiresAtMs())
                            : "no fire time within the schedule's horizon");
        }
        return new Forecast(List.copyOf(out), interval, null);
    }

    private static Long after(Timing t, long atMs) {
        return switch (t.type()) {
            case "cron", "calendar" ->
                t.fireTimes()
                        .nextAfter(Instant.ofEpochMilli(atMs))
                        .map(Instant::toEpochMilli)
                        .orElse(null);
            case "interval" -> atMs + t.intervalMs();
            default -> null; // one_shot: once
        };
    }

    private static Forecast none(String reason) {
        return new Forecast(List.of(), false, reason);
    }

    /**
     * What the loop would do now with a job whose persisted next fire is {@code persistedMs}
     * (null: nothing planned, so nothing missed); lists at most {@code limit} slots.
     */
    public static Missed missed(Timing t, DuePlanner.History h, Long persistedMs, long nowMs, int limit) {
        if (persistedMs == null || persistedMs > nowMs) {
            return Missed.NONE;
        }
        DuePlanner.Plan plan = DuePlanner.due(t, h, persistedMs, nowMs);
        if (plan.fire().isEmpty() && plan.skipped() == 0) {
            return new Missed(List.of(), List.of(), 0, false, plan.nextMs());
        }
        List<Long> due = switch (t.type()) {
            case "cron", "calendar" -> DuePlanner.dueSlots(t, persistedMs, nowMs, limit);
            default -> List.of(persistedMs); // one_shot, interval: the one persisted slot
        };
        List<Slot> slots =
                due.stream().map(at -> new Slot(at, plan.fire().contains(at))).toList();
        return new Missed(slots, plan.fire(), plan.skipped(), plan.countCapped(), plan.nextMs());
    }
}
