package io.kronforce.controller.executions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.duty.Duty;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.worker.host.Fatal;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the scheduler's runs that were admitted ahead of their slot
 * (docs/decisions/0080-admit-slots-ahead.md): their rows wait {@code pending} with the slot in
 * {@code scheduled_for_ms}, and at the slot this release marks every one of them {@code running} in one
 * statement, stamped with the moment of that write, then starts exactly the rows it marked. A row
 * cancelled or closed meanwhile is no longer {@code pending}, so it is not marked and does not start; a
 * row whose job was paused, edited or deleted after its admission (told by the {@link JobCatalog}) is
 * closed as {@code skipped} with the reason instead. A row that finds no free local slot stays
 * {@code pending} and starts the usual way, waiting for a slot.
 *
 * <p>One platform thread (a {@link Duty}) sleeps until the earliest held slot. Tests drive it without
 * the thread: {@link #runOnce(long)}. Thread-safe.
 */
public final class SlotRelease implements ScheduleChanges, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SlotRelease.class.getName());
    /** Re-read the clock at least this often, so a wall-clock step is noticed. */
    private static final long MAX_WAIT_MS = 60_000;

    private final Database db;
    private final ExecutionStore executions;
    private final JobCatalog jobs;
    private final Dispatcher dispatcher;
    private final FireGate gate;
    private final EventLog events;
    private final InstantSource clock;
    private final Duty duty;

    private final ReentrantLock lock = new ReentrantLock();
    /** Admitted rows by slot, earliest first (guarded by lock). */
    private final TreeMap<Long, List<Held>> bySlot = new TreeMap<>();
    /** Every held row by job, admitted or still being written, so a job change reaches it (guarded by lock). */
    private final Map<String, Map<String, Held>> byJob = new HashMap<>();

    /** One row waiting for its slot, with the job as it was when the row was admitted. */
    private static final class Held {
        final Job job;
        final PreparedRun run;
        final long slotMs;
        /** Set when the job changed after the admission (guarded by the release's lock). */
        boolean stale;

        Held(Job job, PreparedRun run, long slotMs, boolean stale) {
            this.job = job;
            this.run = run;
            this.slotMs = slotMs;
            this.stale = stale;
        }

        String id() {
            return run.row().id();
        }
    }

    public SlotRelease(
            Database db,
            ExecutionStore executions,
            JobCatalog jobs,
            Dispatcher dispatcher,
            FireGate gate,
            EventLog events,
            InstantSource clock) {
        this.db = db;
        this.executions = executions;
        this.jobs = jobs;
        this.dispatcher = dispatcher;
        this.gate = gate;
        this.events = events;
        this.clock = clock;
        // A release cut short could leave rows marked running that never started: let it finish.
        this.duty = new Duty("kronforce-slot-release", Duty.Plan.standard().finishStepOnClose(), this::step);
    }

    public void start() {
        duty.start();
    }

    /**
     * Takes a launch made for its slot ({@link Launch#row()} carries it) before its admission is
     * written, so a job change committed between that write and {@link #settle} is not missed. Every
     * expected launch must be settled.
     */
    public void expect(Launch launch) {
        Long slot = launch.row().scheduledForMs();
        if (slot == null) {
            throw new IllegalArgumentException("a held run needs its slot");
        }
        Held held = new Held(launch.job(), launch.run(), slot, false);
        lock.lock();
        try {
            byJob.computeIfAbsent(held.job.id(), j -> new LinkedHashMap<>()).put(held.id(), held);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After the admission's write: a row stored {@code pending} waits for its slot; anything else (a
     * refusal, a slot that already had a row, a failed write: empty) is forgotten.
     */
    public void settle(Launch launch, Optional<ExecutionStatus> stored) {
        String jobId = launch.job().id();
        lock.lock();
        try {
            Map<String, Held> ofJob = byJob.get(jobId);
            Held held = ofJob == null ? null : ofJob.get(launch.row().id());
            if (held == null) {
                return;
            }
            if (stored.orElse(null) != ExecutionStatus.PENDING) {
                forget(held);
                return;
            }
            admitted(held);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A {@code pending} row found at start-up whose slot is still ahead: held until its slot, not
     * started early. {@code stale}: its job changed after the row was admitted, so it will be skipped.
     */
    void holdRecovered(Job job, PreparedRun run, boolean stale) {
        Held held = new Held(job, run, run.row().scheduledForMs(), stale);
        lock.lock();
        try {
            byJob.computeIfAbsent(job.id(), j -> new LinkedHashMap<>()).put(held.id(), held);
            admitted(held);
        } finally {
            lock.unlock();
        }
    }

    /** Rows held, admitted or being written (for tests and status). */
    public int held() {
        lock.lock();
        try {
            return byJob.values().stream().mapToInt(Map::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** A pause, delete or interval edit: every row of the job held now is stale. */
    @Override
    public void jobChanged(String jobId) {
        markStale(jobId, null);
    }

    /** An edit (a pause or resume too): the rows admitted under another version of the job are stale. */
    @Override
    public void jobSaved(Job saved, Long plannedFireMs) {
        markStale(saved.id(), saved.version());
    }

    private void markStale(String jobId, Integer version) {
        lock.lock();
        try {
            Map<String, Held> ofJob = byJob.get(jobId);
            if (ofJob != null) {
                ofJob.values().stream()
                        .filter(h -> version == null || h.job.version() != version)
                        .forEach(h -> h.stale = true);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Releases every row whose slot is at or before {@code nowMs}; returns how many were due. */
    public int runOnce(long nowMs) {
        List<Held> due = new ArrayList<>();
        List<Held> stale = new ArrayList<>();
        lock.lock();
        try {
            Map<Long, List<Held>> head = bySlot.headMap(nowMs, true);
            head.values()
                    .forEach(slot -> slot.forEach(h -> {
                        (h.stale ? stale : due).add(h);
                        forget(h);
                    }));
            head.clear();
        } finally {
            lock.unlock();
        }
        if (!due.isEmpty()) {
            release(due);
        }
        if (!stale.isEmpty()) {
            skip(stale);
        }
        return due.size() + stale.size();
    }

    /**
     * Marks the rows running in one write and starts those it marked on the slots reserved for them;
     * a row without a free slot (or one that cannot start) goes the usual way.
     */
    private void release(List<Held> due) {
        Map<String, Held> reserved = new LinkedHashMap<>();
        Map<String, LocalExecutor.Slot> slots = new HashMap<>();
        List<Held> usual = new ArrayList<>();
        for (Held h : due) {
            Optional<LocalExecutor.Slot> slot = dispatcher.reserve(h.job, h.run);
            if (slot.isPresent()) {
                reserved.put(h.id(), h);
                slots.put(h.id(), slot.get());
            } else {
                usual.add(h);
            }
        }
        if (!reserved.isEmpty()) {
            List<String> ids = List.copyOf(reserved.keySet());
            // The stamp is the moment of the write that starts them, never the planned slot: the lateness a
            // user reads (started_at − scheduled_for) is what really happened.
            long startedAtMs = clock.millis();
            Set<String> started;
            try {
                // Ahead of queued recordings, as the scheduler's admissions: this write is the start's precision.
                started = new HashSet<>(db.writeFirst(c -> executions.startPending(c, ids, startedAtMs)));
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "releasing " + ids.size() + " slot(s) failed; starting them the usual way", e);
                slots.values().forEach(LocalExecutor.Slot::release);
                startUsual(List.copyOf(reserved.values()));
                startUsual(usual);
                Fatal.rethrowIfFatal(e);
                return;
            }
            reserved.forEach((id, h) -> {
                if (started.contains(id)) {
                    dispatcher.startStored(h.job, h.run, slots.get(id), startedAtMs);
                } else {
                    slots.get(id).release(); // cancelled, closed or deleted since its admission
                }
            });
        }
        startUsual(usual);
    }

    /** Rows that start as any pending run does, if they still wait: queued for a slot, or failed with the reason. */
    private void startUsual(List<Held> rows) {
        if (rows.isEmpty()) {
            return;
        }
        // One read for the lot: a row cancelled before its slot must not start, and nothing else tells.
        Set<String> pending = new HashSet<>(
                executions.stillPending(rows.stream().map(Held::id).toList()));
        rows.stream().filter(h -> pending.contains(h.id())).forEach(h -> dispatcher.start(h.job, h.run));
    }

    /** Closes rows whose job changed after their admission as {@code skipped}, saying what changed. */
    private void skip(List<Held> stale) {
        long nowMs = clock.millis();
        Map<String, Optional<Job>> current = new HashMap<>();
        stale.forEach(h -> current.computeIfAbsent(h.job.id(), jobs::find));
        List<Event> written = db.write(c -> {
            List<Event> out = new ArrayList<>();
            for (Held h : stale) {
                String reason = reason(h.job, current.get(h.job.id()));
                if (executions.moveWaiting(
                        c, h.id(), ExecutionStatus.PENDING, ExecutionStatus.SKIPPED, reason, nowMs)) {
                    gate.announce(c, h.job, h.run.row().skipped(reason, nowMs)).ifPresent(out::add);
                }
            }
            return out;
        });
        events.publish(written);
    }

    private static String reason(Job admitted, Optional<Job> now) {
        if (now.isEmpty()) {
            return "skipped: the job was deleted after this slot was admitted";
        }
        if (now.get().status() != JobStatus.SCHEDULED) {
            return "skipped: the job was " + now.get().status().wire() + " after this slot was admitted";
        }
        return "skipped: the job was changed (version " + admitted.version() + " to "
                + now.get().version() + ") after this slot was admitted; the change applies from its next slot";
    }

    private void admitted(Held held) {
        Map.Entry<Long, List<Held>> first = bySlot.firstEntry();
        bySlot.computeIfAbsent(held.slotMs, s -> new ArrayList<>()).add(held);
        if (first == null || held.slotMs < first.getKey()) {
            duty.wake(); // it is now due before the time the thread sleeps until
        }
    }

    private void forget(Held held) {
        Map<String, Held> ofJob = byJob.get(held.job.id());
        if (ofJob == null) {
            return;
        }
        ofJob.remove(held.id());
        if (ofJob.isEmpty()) {
            byJob.remove(held.job.id());
        }
    }

    /** One step of the thread, then how long to sleep: until the earliest held slot. */
    private Duration step() {
        runOnce(clock.millis());
        long nowMs = clock.millis();
        long wait;
        lock.lock();
        try {
            wait = bySlot.isEmpty() ? MAX_WAIT_MS : bySlot.firstKey() - nowMs;
        } finally {
            lock.unlock();
        }
        return Duration.ofMillis(Math.max(0, Math.min(MAX_WAIT_MS, wait)));
    }

    /** Stops the thread after the release it is on; rows still held stay pending for the next start. */
    @Override
    public void close() {
        duty.close();
    }

    /** Steps of the thread that failed. */
    public long failures() {
        return duty.failures();
    }
}
