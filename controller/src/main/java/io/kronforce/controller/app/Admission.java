package io.kronforce.controller.app;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a non-scheduled run (manual trigger, cascade, event trigger) through the {@link FireGate}:
 * the check, the row (pending or skipped), the audit entry and the event commit together, and the
 * events are published after the commit. Stateless and thread-safe.
 */
final class Admission {
    private final Database db;
    private final ExecutionStore executions;
    private final FireGate gate;
    private final JobCatalog.Journal journal;
    private final InstantSource clock;

    Admission(Database db, ExecutionStore executions, FireGate gate, JobCatalog.Journal journal, InstantSource clock) {
        this.db = db;
        this.executions = executions;
        this.gate = gate;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Records the run through the gate in one transaction; true when it was admitted (pending),
     * false when it was stored as skipped. {@code actor} is null for reactions (no audit entry).
     */
    boolean record(Principal actor, Job job, Execution row, boolean skipDeps) {
        long now = clock.millis();
        // The transaction returns its events rather than filling a list: a retried transaction must not duplicate them.
        Recorded done = db.write(c -> {
            List<Event> events = new ArrayList<>();
            Optional<String> refusal = gate.refusal(c, job, skipDeps, now);
            Execution stored = refusal.map(r -> FireGate.skipped(row, r, now)).orElse(row);
            executions.insert(c, stored);
            if (actor != null) {
                journal.audit().record(c, actor, "job.triggered", "job", job.id(), row.id());
            }
            if (refusal.isPresent()) {
                gate.recordSkip(c, job, stored).ifPresent(events::add);
            } else if (actor != null) {
                journal.events().write(c, actor, "job.triggered", "info", "Job '" + job.name() + "' triggered"
                        + (skipDeps ? " (dependencies skipped)" : ""),
                        new EventLog.Subject(job.id(), row.id(), null, null)).ifPresent(events::add);
            }
            return new Recorded(refusal.isEmpty(), events);
        });
        journal.events().publish(done.events());
        return done.admitted();
    }

    private record Recorded(boolean admitted, List<Event> events) {}
}
