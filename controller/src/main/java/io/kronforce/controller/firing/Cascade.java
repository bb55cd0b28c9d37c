package io.kronforce.controller.firing;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.jobs.DependencyIndex;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.TriggerStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The dependency cascade and {@code group.completed} (docs/reference/scheduling.md), driven by committed
 * {@code execution.completed} events — so it sees the status after output rules, and works for
 * any executor that records a result through {@link ExecutionControl#finished}. Runs on the
 * publishing thread, outside any transaction; a success's mark in the {@link DependencyIndex},
 * written with the success, makes the cascade survive a crash between the two ({@link #recover}).
 * Thread-safe: the group checks are coalesced through concurrent maps; everything else lives in the
 * database.
 */
public final class Cascade implements Consumer<Event> {
    private final Map<String, AtomicInteger> groupChecks = new ConcurrentHashMap<>();
    /** Per group, the member last seen keeping it incomplete; only a hint, every completion is confirmed in the database. */
    private final Map<String, String> blockers = new ConcurrentHashMap<>();

    private final Database db;
    private final TriggerStore store;
    private final DependencyIndex index;
    private final JobCatalog jobs;
    private final ExecutionControl control;
    private final FireGate gate;
    private final ExecutionStore executions;
    private final TriggerChain chain;
    private final EventLog events;
    private final InstantSource clock;

    public Cascade(
            Database db,
            TriggerStore store,
            DependencyIndex index,
            JobCatalog jobs,
            ExecutionControl control,
            FireGate gate,
            ExecutionStore executions,
            EventLog events,
            InstantSource clock) {
        this.db = db;
        this.store = store;
        this.index = index;
        this.jobs = jobs;
        this.control = control;
        this.gate = gate;
        this.executions = executions;
        this.chain = new TriggerChain(executions);
        this.events = events;
        this.clock = clock;
    }

    /**
     * Finishes the cascades a stop interrupted (start-up, before new runs finish): each success
     * still marked due fires the dependents that hold no run of it yet, as it would have.
     */
    public void recover() {
        for (String executionId : index.due()) {
            executions
                    .findById(executionId)
                    .filter(parent -> parent.status() == ExecutionStatus.SUCCEEDED)
                    .ifPresent(parent -> fireDependents(
                            parent,
                            TriggerChain.depth(Optional.of(parent)),
                            dependent -> !index.firedBy(dependent, executionId)));
            index.done(executionId);
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
        if (!index.dependentsOf(event.jobId()).isEmpty()) {
            // Only a job with dependents reads the run that finished (its trigger chain gives the depth).
            Optional<Execution> parent = chain.origin(event);
            if (parent.isPresent() && parent.get().status() == ExecutionStatus.SUCCEEDED) {
                fireDependents(parent.get(), TriggerChain.depth(parent), dependent -> true);
                index.done(parent.get().id());
            }
        }
        groupCompleted(group.get(), event.executionId());
    }

    private void fireDependents(Execution parent, int depth, Predicate<String> owed) {
        for (String id : index.dependentsOf(parent.jobId())) {
            if (owed.test(id)) {
                jobs.find(id)
                        .filter(dep -> gate.depsSatisfied(dep, clock.millis()))
                        .ifPresent(dep -> control.fire(dep, TriggerChain.byDependency(parent.id(), depth)));
            }
        }
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
