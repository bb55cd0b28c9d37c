package io.kronforce.controller.executions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import java.util.ArrayList;
import java.util.List;

/**
 * Records a non-scheduled run (manual trigger, webhook, cascade, event trigger) through the
 * {@link FireGate}: the check, the row (running when a local slot was reserved for it, else
 * pending, pending approval, queued or skipped), the audit
 * entry and the events commit together, and the events are published after the commit.
 * Stateless and thread-safe.
 */
public final class Admission {
    private final Database db;
    private final FireGate gate;
    private final Journal journal;

    public Admission(Database db, FireGate gate, Journal journal) {
        this.db = db;
        this.gate = gate;
        this.journal = journal;
    }

    /**
     * Records the run through the gate in one transaction and returns the row as stored. {@code actor} is null for reactions (no audit entry, no {@code job.triggered} event).
     */
    Execution record(Principal actor, Job job, Launch launch, boolean skipDeps) {
        Execution row = launch.row();
        // The transaction returns its events rather than filling an outer list: a retried transaction must not
        // duplicate them.
        Recorded done = db.write(c -> {
            List<Event> events = new ArrayList<>();
            if (actor != null) {
                journal.audit().record(c, actor, "job.triggered", "job", job.id(), row.id());
                journal.events()
                        .write(
                                c,
                                actor,
                                EventKind.JOB_TRIGGERED,
                                "info",
                                "Job '" + job.name() + "' triggered" + (skipDeps ? " (dependencies skipped)" : ""),
                                new EventLog.Subject(job.id(), row.id(), null, null))
                        .ifPresent(events::add);
            }
            Execution stored =
                    gate.admit(c, job, launch, skipDeps, null, events).orElseThrow();
            return new Recorded(stored, events);
        });
        journal.events().publish(done.events());
        return done.stored();
    }

    private record Recorded(Execution stored, List<Event> events) {}
}
