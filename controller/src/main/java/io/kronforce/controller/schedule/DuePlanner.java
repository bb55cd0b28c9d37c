package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.spec.Schedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, for one job, which slots fire now and when to look again. A pure function of the
 * job's {@link Timing} (cron and calendar schedules are both series of {@link FireTimes}), its run {@link History} (interval schedules only), the persisted next
 * fire and the time; no store, no clock, no threads. Thread-safe (stateless).
 *
 * <p>A slot more than {@link #GRACE_MS} behind {@code now} is <em>missed</em>; if any due slot is
 * missed the job's {@link MisfirePolicy} decides: {@code skip} fires only the slots still within
 * the grace period, {@code run_once} fires only the latest due slot, {@code run_all} fires the
 * oldest {@link #RUN_ALL_LIMIT}. Everything not fired is counted as skipped.
 */
public final class DuePlanner {
    /** How late a slot may fire and still count as on time (a slow tick, a GC pause, a short restart). */
    public static final long GRACE_MS = 5_000;
    /** Most slots one job fires in one go, whatever the policy. */
    public static final int RUN_ALL_LIMIT = 100;
    /** Most missed cron slots enumerated; past it the skipped count is a lower bound. */
    static final int SCAN_LIMIT = 10_000;

    private DuePlanner() {}

    /** What the store knows about a job's runs; only interval schedules look at it. */
    public record History(boolean runActive, Long lastFinishedMs) {
        public static final History NONE = new History(false, null);
    }

    /**
     * A decision.
     *
     * @param fire        slots to record and run now, oldest first
     * @param skipped     due slots the misfire policy dropped (a lower bound when {@code countCapped})
     * @param nextMs      when to look at the job again; null: not until it changes or a run finishes
     * @param unschedule  the job is done (one-shot due, window expired): its status becomes unscheduled
     */
    public record Plan(List<Long> fire, long skipped, boolean countCapped, Long nextMs, boolean unschedule) {
        static Plan waitUntil(Long nextMs) {
            return new Plan(List.of(), 0, false, nextMs, false);
        }
    }

    /**
     * Plans a job that has nothing planned: just created, changed, resumed, or an interval run
     * just finished. Fires nothing; a one-shot already in the past is due at once (as upstream).
     */
    public static Plan first(Timing t, History h, long nowMs) {
        if (t.expiredAt(nowMs)) {
            return new Plan(List.of(), 0, false, null, true);
        }
        Long next = switch (t.type()) {
            case "cron", "calendar" -> cronFirst(t, nowMs);
            case "one_shot" -> Math.max(oneShotAt(t), nowMs);
            case "interval" ->
                h.runActive() ? null : h.lastFinishedMs() == null ? nowMs : h.lastFinishedMs() + t.intervalMs();
            default -> null; // on_demand, event: never fire by themselves
        };
        return Plan.waitUntil(windowed(t, next));
    }

    /** Plans a job whose persisted next fire is {@code fromMs}: the slots due by {@code nowMs}, and what follows. */
    public static Plan due(Timing t, History h, long fromMs, long nowMs) {
        if (fromMs > nowMs) {
            return Plan.waitUntil(fromMs);
        }
        Plan plan = switch (t.type()) {
            case "cron", "calendar" -> cronDue(t, fromMs, nowMs);
            case "one_shot" -> single(t, fromMs, nowMs, null, true);
            case "interval" ->
                h.runActive() ? Plan.waitUntil(null) : single(t, fromMs, nowMs, nowMs + t.intervalMs(), false);
            default -> Plan.waitUntil(null);
        };
        if (t.expiredAt(nowMs)) {
            return new Plan(plan.fire(), plan.skipped(), plan.countCapped(), null, true);
        }
        return plan;
    }

    private static Long cronFirst(Timing t, long nowMs) {
        long after = t.startsAtMs() != null && t.startsAtMs() > nowMs ? t.startsAtMs() - 1 : nowMs;
        return t.fireTimes()
                .firstAfter(Instant.ofEpochMilli(after))
                .map(Instant::toEpochMilli)
                .orElse(null);
    }

    private static long oneShotAt(Timing t) {
        return Instant.parse(((Schedule.OneShot) t.schedule()).at()).toEpochMilli();
    }

    /** A one-shot or interval slot: fires unless missed under {@code skip}. */
    private static Plan single(Timing t, long slot, long nowMs, Long nextIfSkipped, boolean oneShot) {
        boolean fires = t.inWindow(slot) && (nowMs - slot <= GRACE_MS || t.misfire() != MisfirePolicy.SKIP);
        List<Long> fire = fires ? List.of(slot) : List.of();
        long skipped = fires || !t.inWindow(slot) ? 0 : 1;
        Long next = oneShot || fires ? null : windowed(t, nextIfSkipped);
        return new Plan(fire, skipped, false, next, oneShot);
    }

    /**
     * The cron or calendar slots due from {@code fromMs} to {@code nowMs} inside the job's window,
     * oldest first, at most {@code limit}: what {@link #due} weighs (and the missed-runs preview lists).
     */
    static List<Long> dueSlots(Timing t, long fromMs, long nowMs, int limit) {
        return scan(t.fireTimes(), windowStart(t, fromMs), windowEnd(t, nowMs), limit);
    }

    private static long windowStart(Timing t, long fromMs) {
        return t.startsAtMs() == null ? fromMs : Math.max(fromMs, t.startsAtMs());
    }

    private static long windowEnd(Timing t, long nowMs) {
        return t.expiresAtMs() == null ? nowMs : Math.min(nowMs, t.expiresAtMs());
    }

    private static Plan cronDue(Timing t, long fromMs, long nowMs) {
        FireTimes cron = t.fireTimes();
        long end = windowEnd(t, nowMs);
        long start = windowStart(t, fromMs);
        List<Long> slots = scan(cron, start, end, SCAN_LIMIT);
        if (slots.isEmpty()) {
            return Plan.waitUntil(windowed(t, cronFirst(t, nowMs)));
        }
        boolean capped = slots.size() == SCAN_LIMIT;
        long latest = capped
                ? cron.latestAtOrBefore(Instant.ofEpochMilli(end)).orElseThrow().toEpochMilli()
                : slots.getLast();
        List<Long> onTime = capped
                ? scan(cron, Math.max(start, nowMs - GRACE_MS), end, RUN_ALL_LIMIT)
                : slots.stream().filter(s -> nowMs - s <= GRACE_MS).toList();
        long count = capped ? SCAN_LIMIT + onTime.size() : slots.size();
        List<Long> fire = count == onTime.size()
                ? head(slots)
                : switch (t.misfire()) {
                    case SKIP -> head(onTime);
                    case RUN_ONCE -> List.of(latest);
                    case RUN_ALL -> head(slots);
                };
        Long next = cron.nextAfter(Instant.ofEpochMilli(latest))
                .map(Instant::toEpochMilli)
                .orElse(null);
        return new Plan(fire, count - fire.size(), capped, windowed(t, next), false);
    }

    /**
     * The slots {@code plan} skipped (it was made by {@link #due} from {@code fromMs} at
     * {@code nowMs}), the most recent {@code limit} of them, oldest first — so each can be
     * recorded with its reason.
     */
    public static List<Long> skippedSlots(Timing t, long fromMs, long nowMs, Plan plan, int limit) {
        if (plan.skipped() == 0) {
            return List.of();
        }
        if (!t.type().equals("cron") && !t.type().equals("calendar")) {
            return List.of(fromMs); // a one-shot or interval slot missed under skip
        }
        List<Long> slots = new java.util.ArrayList<>(dueSlots(t, fromMs, nowMs, SCAN_LIMIT));
        slots.removeAll(plan.fire());
        return List.copyOf(slots.subList(Math.max(0, slots.size() - limit), slots.size()));
    }

    /** Cron or calendar slots in {@code [fromMs, toMs]}, oldest first, at most {@code limit}. */
    private static List<Long> scan(FireTimes cron, long fromMs, long toMs, int limit) {
        List<Long> out = new ArrayList<>();
        Instant cursor = Instant.ofEpochMilli(fromMs - 1);
        while (out.size() < limit) {
            Instant next = cron.nextAfter(cursor).orElse(null);
            if (next == null || next.toEpochMilli() > toMs) {
                break;
            }
            out.add(next.toEpochMilli());
            cursor = next;
        }
        return out;
    }

    private static List<Long> head(List<Long> slots) {
        return slots.size() <= RUN_ALL_LIMIT ? slots : List.copyOf(slots.subList(0, RUN_ALL_LIMIT));
    }

    /**
     * Clamps a next fire to the window: not before {@code starts_at}; past {@code expires_at}
     * nothing fires, but the job is woken just after expiry so it can be unscheduled.
     */
    private static Long windowed(Timing t, Long next) {
        if (next != null && t.startsAtMs() != null && next < t.startsAtMs()) {
            next = t.startsAtMs();
        }
        if (t.expiresAtMs() != null && (next == null || next > t.expiresAtMs())) {
            return t.expiresAtMs() + 1;
        }
        return next;
    }
}
