package io.kronforce.controller.firing;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.TriggerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The dependency cascade and {@code group.completed} (docs/reference/scheduling.md), driven by committed
 * {@code execution.completed} events — so it sees the status after output rules, and works for
 * any executor that records a result through {@link ExecutionControl#finished}. Runs on the
 * publishing thread, outside any transaction. Thread-safe: the reverse dependency index is
 * concurrent and changed under this object's lock; everything else lives in the database.
 */
public final class Cascade implements Consumer<Event>, ScheduleChanges {
    /** Reverse dependency index (job → jobs depending on it), kept per job change so a success costs no scan. */
    private final Map<String, Set<String>> dependents = new ConcurrentHashMap<>();

    private final Map<String, List<String>> parents = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> groupChecks = new ConcurrentHashMap<>();
    /** Per group, the member last seen keeping it incomplete; only a hint, every completion is confirmed in the database. */
    private final Map<String, String> blockers = new ConcurrentHashMap<>();

    private final Database db;
    private final TriggerStore store;
    private final JobCatalog jobs;
    private final ExecutionControl control;
    private final FireGate gate;
    private final TriggerChain chain;
    private final EventLog events;
    private final InstantSource clock;

    public Cascade(
            Database db,
            TriggerStore store,
            JobCatalog jobs,
            ExecutionControl control,
            FireGate gate,
            io.kronforce.controller.store.ExecutionStore executions,
            EventLog events,
            InstantSource clock) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
        this.control = control;
        this.gate = gate;
        this.chain = new TriggerChain(executions);
        this.events = events;
        this.clock = clock;
    }

    /** Builds the reverse dependency index from the database (start-up). */
    public Cascade load() {
        store.dependencies().forEach(this::link);
        return this;
    }

    /**
     * A saved job without dependencies that this index does not hold needs no re-link: a create of
     * an independent job costs no read and no lock. Anything else is re-read under the lock, so two
     * racing edits of one job leave the index as the later one stored it.
     */
    @Override
    public void jobSaved(Job saved, Long plannedFireMs) {
        if (!saved.spec().dependencyIds().isEmpty() || parents.containsKey(saved.id())) {
            jobChanged(saved.id());
        }
    }

    @Override
    public synchronized void jobChanged(String jobId) {
        List<String> old = parents.remove(jobId);
        if (old != null) {
            old.forEach(p -> dependents.computeIfPresent(p, (k, v) -> {
                v.remove(jobId);
                return v.isEmpty() ? null : v;
            }));
        }
        jobs.find(jobId).ifPresent(j -> link(jobId, j.spec().dependencyIds()));
    }

    private void link(String jobId, List<String> deps) {
        if (!deps.isEmpty()) {
            parents.put(jobId, deps);
            deps.forEach(p -> dependents
                    .computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet())
                    .add(jobId));
        }
    }

    @Override
    public void accept(Event event) {
        if (!event.is(EventKind.EXECUTION_COMPLETED) || !"success".equals(event.severity())) {
            return; // only a success can satisfy a dependency; severity "success" is exactly status succeeded
        }
        // Only the group is read here (not the whole job): every success pays for this read.
        Optional<String> group = Optional.ofNullable(event.jobId()).flatMap(store::groupOf);
        if (group.isEmpty() || event.executionId() == null) {
            return;
        }
        Set<String> waiting = dependents.getOrDefault(event.jobId(), Set.of());
        if (!waiting.isEmpty()) {
            // Only a job with dependents reads the run that finished (its trigger chain gives the depth).
            Optional<Execution> parent = chain.origin(event);
            if (parent.isEmpty() || parent.get().status() != ExecutionStatus.SUCCEEDED) {
                return;
            }
            int depth = TriggerChain.depth(parent);
            for (String id : waiting) {
                jobs.find(id)
                        .filter(dep -> gate.depsSatisfied(dep, clock.millis()))
                        .ifPresent(dep -> control.fire(
                                dep, TriggerChain.byDependency(parent.get().id(), depth)));
            }
        }
        groupCompleted(group.get(), event.executionId());
    }

    /**
     * Coalesced per group: while one thread checks a group, later successes in it only ask for one
     * more check, so a burst of completions in a big group costs a few passes, not one each.
     */
    private void groupCompleted(String group, String lastExecutionId) {
        AtomicInteger asked = groupChecks.computeIfAbsent(group, g -> new AtomicInteger());
        if (asked.getAndIncrement() > 0) {
            return; // the thread checking this group will check again
        }
        try {
            do {
                asked.set(1);
                checkGroup(group, lastExecutionId);
            } while (asked.decrementAndGet() > 0);
        } catch (Throwable e) {
            asked.set(0); // a failed check must not leave the group marked as being checked forever
            throw e;
        }
    }

    private void checkGroup(String group, String lastExecutionId) {
        // The common case is decided on the read pool without taking the writer: a member that kept
        // the group incomplete last time usually still does (one probe), else the first one found
        // now is remembered (a scan that stops at it). Only a group with none left is checked fully.
        String known = blockers.get(group);
        if (known != null && store.stillBlocks(known, group)) {
            return;
        }
        Optional<String> blocker = store.groupBlocker(group);
        if (blocker.isPresent()) {
            blockers.put(group, blocker.get());
            return;
        }
        blockers.remove(group);
        if (store.groupSucceededSince(group).isEmpty()) {
            return;
        }
        // Checked and written in one write transaction: two members finishing together emit it once.
        Optional<Event> event = db.write(c -> complete(c, group)
                ? events.write(
                        c,
                        Principal.SYSTEM,
                        EventKind.GROUP_COMPLETED,
                        "success",
                        "Group '" + group + "' completed",
                        new EventLog.Subject(null, lastExecutionId, null, group))
                : Optional.<Event>empty());
        events.publish(event.stream().toList());
    }

    /**
     * True when every member's latest run succeeded and this is a new wave: no {@code group.completed}
     * since the oldest of those runs finished (a re-run of one member alone is not a new wave).
     */
    private boolean complete(Connection c, String group) throws SQLException {
        Optional<Long> oldest = store.groupSucceededSince(c, group);
        Optional<Long> previous = store.lastGroupCompleted(c, group);
        return oldest.isPresent() && (previous.isEmpty() || previous.get() < oldest.get());
    }
}
