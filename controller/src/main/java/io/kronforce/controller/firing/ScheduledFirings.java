package io.kronforce.controller.firing;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.spec.JobSpec;
import io.kronforce.controller.domain.spec.Schedule;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.executions.Launch;
import io.kronforce.controller.executions.SlotRelease;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.CalendarSchedule;
import io.kronforce.controller.schedule.DuePlanner;
import io.kronforce.controller.schedule.Firings;
import io.kronforce.controller.schedule.Timing;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobPlanStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The scheduler's use case: reads a job and its persisted next fire, asks {@link DuePlanner},
 * and applies the plan in one transaction — the new next fire (compare-and-set on the job's
 * version and old next fire), one {@code pending} execution per fired slot (insert-or-ignore on
 * the unique (job, slot) index) and a {@code schedule.misfire_skipped} event — then dispatches
 * what it inserted; a slot the {@link FireGate} refuses is stored as {@code skipped}. A lost race (another controller, a concurrent edit) writes and runs nothing.
 * A job that {@linkplain #admitsAhead admits ahead} has its coming slot admitted
 * {@value #LOOKAHEAD_MS} ms early, stored {@code pending} and handed to the {@link SlotRelease},
 * which starts it at the slot (docs/decisions/0080-admit-slots-ahead.md).
 * Thread-safe: the {@code TickLoop} advances the jobs of one step concurrently, each job once per step.
 */
public final class ScheduledFirings implements Firings {
    /** Due jobs advanced by one read and one write; a 1,000-job second is four such batches. */
    static final int BATCH = 256;
    /** Missed slots recorded as rows per catch-up (the most recent); the event gives the full count. */
    static final int MISSED_RECORDED = 100;
    /**
     * How soon an interval job that waits for its active run is looked at again. Its run's finish
     * wakes the scheduler at once when the run started under an interval schedule; this bounds the
     * wait for a run that started before the job was changed to one (its finish does not say so).
     */
    static final long INTERVAL_RECHECK_MS = 30_000;
    /**
     * How long before its slot a cron or calendar slot is admitted (docs/decisions/0080-admit-slots-ahead.md).
     * Long enough for the read, the plans and the writes of a thousand due jobs on two cores busy with
     * the runs of the second before: admitted at the slot, the last of them started under 400 ms late
     * (bench/RESULTS.md, B14). Short enough that a row waits {@code pending} only briefly, so an edit, a
     * pause or a restart in between is rare (each is decided by {@link SlotRelease}). A write that
     * still ends after the slot only makes its runs late, never lost.
     */
    public static final long LOOKAHEAD_MS = 500;

    private final Database db;
    private final JobPlanStore plans;
    private final ExecutionStore executions;
    private final ExecutionControl control;
    private final FireGate gate;
    private final EventLog events;
    private final SlotRelease release;

    public ScheduledFirings(
            Database db,
            JobPlanStore plans,
            ExecutionStore executions,
            ExecutionControl control,
            FireGate gate,
            EventLog events,
            SlotRelease release) {
        this.db = db;
        this.plans = plans;
        this.executions = executions;
        this.control = control;
        this.gate = gate;
        this.events = events;
        this.release = release;
    }

    /**
     * Every next fire, woken {@value #LOOKAHEAD_MS} ms early: the start reads the index alone and does
     * not know which jobs admit ahead, so each is looked at then; one that does not is put back at its
     * slot by that first advance (one extra read of it per start).
     */
    @Override
    public List<Due> persisted() {
        return plans.nextFires().stream()
                .map(n -> new Due(n.jobId(), n.atMs() - LOOKAHEAD_MS))
                .toList();
    }

    @Override
    public long wakeFor(Job saved, long plannedFireMs) {
        return admitsAhead(saved) ? plannedFireMs - LOOKAHEAD_MS : plannedFireMs;
    }

    /**
     * Whether the job's slots are admitted ahead of their time. Only cron and calendar slots, whose
     * time is known in advance (an interval's next slot depends on a finish), and only when admission
     * decides nothing that could differ at the slot: no {@code max_concurrent} (the count at the slot
     * is not the count half a second before), no dependencies (their latest run may finish in
     * between), no approval (a human would be asked before the slot exists) and a local target (an
     * agent is chosen and handed the run at its start). The others keep the path they had: admitted
     * and started at the slot.
     */
    static boolean admitsAhead(Job job) {
        JobSpec spec = job.spec();
        return (spec.schedule() instanceof Schedule.Cron || spec.schedule() instanceof Schedule.Calendar)
                && job.runsLocally()
                && !spec.approvalRequired()
                && spec.dependsOn().isEmpty()
                && spec.maxConcurrent() == 0;
    }

    /** One wave per priority, highest first; each wave keeps its time order. */
    @Override
    public List<List<String>> waves(List<String> due) {
        Map<String, Integer> priority = plans.prioritiesOf(due);
        TreeMap<Integer, List<String>> byPriority = new TreeMap<>(Comparator.reverseOrder());
        due.forEach(id -> byPriority
                .computeIfAbsent(priority.getOrDefault(id, 0), p -> new ArrayList<>())
                .add(id));
        return List.copyOf(byPriority.values());
    }

    @Override
    public List<String> unplanned() {
        return plans.unplannedIds();
    }

    @Override
    public OptionalLong advance(String jobId, long nowMs) {
        return advanceAll(List.of(jobId), nowMs).get(jobId);
    }

    /** Jobs per batch: one read, one write and one dispatch pass for the lot. */
    @Override
    public int batchSize() {
        return BATCH;
    }

    /**
     * Advances the jobs together: one read of them all, the plans in memory, one write that moves
     * every next fire and admits every due slot, then the runs start. A job whose compare-and-set
     * lost (a concurrent edit, another controller) writes and runs nothing and answers its plan as now stored.
     */
    @Override
    public Map<String, OptionalLong> advanceAll(List<String> jobIds, long nowMs) {
        Map<String, JobPlanStore.Planned> found = plans.findPlanned(jobIds);
        Map<String, OptionalLong> next = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        for (String id : jobIds) {
            JobPlanStore.Planned p = found.get(id);
            if (p == null || p.job().status() != JobStatus.SCHEDULED) {
                next.put(id, OptionalLong.empty()); // deleted, paused or done: its change already cleared the plan
                continue;
            }
            DuePlanner.Plan ahead = aheadPlan(p.job(), p.nextFireMs(), nowMs);
            DuePlanner.Plan plan = ahead != null ? ahead : plan(p.job(), p.nextFireMs(), nowMs);
            if (plan.fire().isEmpty()
                    && plan.skipped() == 0
                    && !plan.unschedule()
                    && Objects.equals(plan.nextMs(), p.nextFireMs())) {
                // Not due yet; a job within the lookahead that could not be admitted ahead waits for the slot itself.
                next.put(id, queued(p.job(), plan, nowMs, admitsAhead(p.job()) && aheadWindow(p.nextFireMs(), nowMs)));
                continue;
            }
            try {
                steps.add(step(p.job(), p.nextFireMs(), plan, nowMs, ahead != null));
            } catch (Throwable e) {
                steps.forEach(this::abandon); // what the steps built so far hold is given back before the retry
                throw e;
            }
        }
        if (steps.isEmpty()) {
            return next;
        }
        List<Applied> applied;
        try {
            // Ahead of queued recordings: a slot's start must not wait for other runs' finishes to be written.
            applied = db.writeFirst(c -> {
                List<Applied> out = new ArrayList<>(steps.size());
                for (Step step : steps) {
                    out.add(apply(c, step));
                }
                return out;
            });
        } catch (Throwable e) {
            steps.forEach(this::abandon);
            throw e;
        }
        List<Event> written = new ArrayList<>();
        applied.forEach(a -> written.addAll(a.events()));
        events.publish(written);
        List<String> lost = new ArrayList<>();
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            Applied a = applied.get(s);
            if (!a.won()) {
                abandon(step);
                lost.add(step.job().id());
                continue;
            }
            for (int i = 0; i < step.launches().size(); i++) {
                if (step.ahead()) {
                    release.settle(step.launches().get(i), a.stored().get(i));
                } else {
                    control.proceedScheduled(step.launches().get(i), a.stored().get(i));
                }
            }
            next.put(step.job().id(), queued(step.job(), step.plan(), nowMs, false));
        }
        if (!lost.isEmpty()) {
            Map<String, JobPlanStore.Planned> now = plans.findPlanned(lost);
            lost.forEach(id -> next.put(
                    id,
                    Optional.ofNullable(now.get(id))
                            .map(p -> optional(p.nextFireMs()))
                            .orElse(OptionalLong.empty())));
        }
        return next;
    }

    /**
     * What one job's advance writes: its plan, the runs to admit (slots reserved, or held for their
     * slot when {@code ahead}) and the missed slots to record.
     */
    private record Step(
            Job job,
            Long persisted,
            DuePlanner.Plan plan,
            List<Launch> launches,
            List<Execution> missed,
            boolean ahead) {}

    /** Frees what a step's launches hold when its write failed or lost its race. */
    private void abandon(Step step) {
        for (Launch launch : step.launches()) {
            if (step.ahead()) {
                release.settle(launch, Optional.empty());
            } else {
                control.abandonScheduled(launch);
            }
        }
    }

    /** Whether {@code persisted} is a slot still ahead but within {@value #LOOKAHEAD_MS} ms of {@code nowMs}. */
    private static boolean aheadWindow(Long persisted, long nowMs) {
        return persisted != null && persisted > nowMs && persisted - nowMs <= LOOKAHEAD_MS;
    }

    /**
     * The plan of the job's coming slot made as the scheduler would make it at the slot, when the
     * slot may be admitted now: the job admits ahead, its slot is within the lookahead, and the plan
     * at the slot fires exactly that slot (no catch-up, no end of the job's window). Null otherwise.
     */
    private DuePlanner.Plan aheadPlan(Job job, Long persisted, long nowMs) {
        if (!aheadWindow(persisted, nowMs) || !admitsAhead(job)) {
            return null;
        }
        DuePlanner.Plan atSlot = plan(job, persisted, persisted);
        return atSlot.fire().equals(List.of(persisted)) && atSlot.skipped() == 0 && !atSlot.unschedule()
                ? atSlot
                : null;
    }

    private Step step(Job job, Long persisted, DuePlanner.Plan plan, long nowMs, boolean ahead) {
        List<Execution> missed = new ArrayList<>();
        if (persisted != null) {
            DuePlanner.skippedSlots(Timing.of(job.spec()), persisted, nowMs, plan, MISSED_RECORDED)
                    .forEach(slot -> missed.add(missed(job, slot, nowMs)));
        }
        dropped(job, plan, nowMs).forEach(missed::add);
        List<Launch> launches = plan.fire().stream()
                .map(slot -> ahead ? control.launchAhead(job, nowMs, slot) : control.launchScheduled(job, nowMs, slot))
                .toList();
        if (ahead) {
            launches.forEach(release::expect); // before the write: a job change committed after it must reach the row
        }
        return new Step(job, persisted, plan, launches, missed, ahead);
    }

    private DuePlanner.Plan plan(Job job, Long persisted, long nowMs) {
        Timing timing = Timing.of(job.spec());
        DuePlanner.History history = DuePlanner.History.NONE;
        if ("interval".equals(timing.type())) {
            ExecutionStore.RunHistory h = executions.runHistory(job.id());
            history = new DuePlanner.History(h.active(), h.lastFinishedMs());
        }
        return persisted == null
                ? DuePlanner.first(timing, history, nowMs)
                : DuePlanner.due(timing, history, persisted, nowMs);
    }

    /** @param stored per launch, the status its row was stored with; empty when its slot already had a row */
    private record Applied(boolean won, List<Optional<ExecutionStatus>> stored, List<Event> events) {}

    private Applied apply(Connection c, Step step) throws SQLException {
        Job job = step.job();
        DuePlanner.Plan plan = step.plan();
        List<Launch> launches = step.launches();
        JobStatus status = plan.unschedule() ? JobStatus.UNSCHEDULED : JobStatus.SCHEDULED;
        if (!plans.advancePlan(c, job.id(), job.version(), step.persisted(), plan.nextMs(), status)) {
            return new Applied(false, List.of(), List.of());
        }
        List<Optional<ExecutionStatus>> stored = new ArrayList<>();
        List<Event> written = new ArrayList<>();
        for (int i = 0; i < launches.size(); i++) {
            // Gated per slot inside this transaction: a refused slot is recorded as skipped (or queued), never dropped.
            stored.add(gate.admit(c, job, launches.get(i), false, plan.fire().get(i), written)
                    .map(Execution::status));
        }
        for (Execution m : step.missed()) {
            executions.insertScheduled(c, m, m.scheduledForMs()); // a slot that already has a row keeps it
        }
        if (plan.skipped() > 0) {
            String count = (plan.countCapped() ? "at least " : "") + plan.skipped();
            events.write(
                            c,
                            Principal.SYSTEM,
                            EventKind.SCHEDULE_MISFIRE_SKIPPED,
                            "warning",
                            "Job '" + job.name()
                                    + "' skipped " + count + " missed run(s) (misfire policy "
                                    + Timing.of(job.spec()).misfire().wire()
                                    + ", next fire " + Times.formatNullable(plan.nextMs()) + ")",
                            new EventLog.Subject(job.id(), null, null, count))
                    .ifPresent(written::add);
        }
        return new Applied(true, stored, written);
    }

    /**
     * A slot the misfire policy dropped, recorded as {@code skipped} with how late it was, so every
     * intended fire leaves a row. Nothing ran: the snapshot is the job's task as written.
     */
    private static Execution missed(Job job, long slotMs, long nowMs) {
        return Execution.skippedSlot(
                job.id(),
                job.task(),
                slotMs,
                "missed: " + (nowMs - slotMs) / 1000 + " s late when the scheduler reached it;" + " misfire policy "
                        + Timing.of(job.spec()).misfire().wire(),
                nowMs);
    }

    /**
     * Calendar runs dropped on a weekend or holiday since the previous fire, recorded when the
     * next real fire passes them ({@code skip} roll only; a rolled run fires elsewhere).
     */
    private static List<Execution> dropped(Job job, DuePlanner.Plan plan, long nowMs) {
        Timing timing = Timing.of(job.spec());
        if (plan.fire().isEmpty()
                || !"calendar".equals(timing.type())
                || !(timing.fireTimes() instanceof CalendarSchedule calendar)) {
            return List.of();
        }
        Instant fired = Instant.ofEpochMilli(plan.fire().get(0));
        // Not before the job existed: a holiday list reaching into the past is not a trail of skips.
        Instant created = Instant.ofEpochMilli(job.createdAtMs());
        Instant previous = calendar.latestAtOrBefore(fired.minusMillis(1))
                .filter(p -> p.isAfter(created))
                .orElse(created);
        return calendar.droppedBetween(previous, fired).stream()
                .map(d -> Execution.skippedSlot(
                        job.id(), job.task(), d.at().toEpochMilli(), "skipped: " + d.reason(), nowMs))
                .toList();
    }

    /**
     * When the loop looks at the job again: {@value #LOOKAHEAD_MS} ms before its next fire when it
     * admits ahead (at once when that is past), its next fire otherwise or when {@code atSlot}, or a
     * re-check of an interval job held by its run.
     */
    private static OptionalLong queued(Job job, DuePlanner.Plan plan, long nowMs, boolean atSlot) {
        if (plan.nextMs() == null && !plan.unschedule() && job.spec().schedule() instanceof Schedule.Interval) {
            return OptionalLong.of(nowMs + INTERVAL_RECHECK_MS);
        }
        if (plan.nextMs() != null && !atSlot && plan.nextMs() > nowMs && admitsAhead(job)) {
            return OptionalLong.of(Math.max(nowMs, plan.nextMs() - LOOKAHEAD_MS));
        }
        return optional(plan.nextMs());
    }

    private static OptionalLong optional(Long ms) {
        return ms == null ? OptionalLong.empty() : OptionalLong.of(ms);
    }
}
