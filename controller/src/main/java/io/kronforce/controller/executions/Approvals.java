package io.kronforce.controller.executions;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Approving a run that waits for approval (docs/reference/rest.md#executions; decision 0009): in one write, the fire
 * gate runs now — as for any trigger, so the approved run may still be queued or skipped — the
 * same row moves on (upstream cancels it and fires a new one, losing the id the trigger
 * returned), and the audit entry and events are written. Stateless and thread-safe.
 */
public final class Approvals {
    private final Database db;
    private final ExecutionStore executions;
    private final FireGate gate;
    private final Journal journal;
    private final InstantSource clock;

    public Approvals(Database db, ExecutionStore executions, FireGate gate, Journal journal, InstantSource clock) {
        this.db = db;
        this.executions = executions;
        this.gate = gate;
        this.journal = journal;
        this.clock = clock;
    }

    /**
     * Records the approval of {@code waiting} and publishes its events; returns the status the row
     * moved to ({@code pending} means the caller starts it).
     *
     * @throws KronforceException.InvalidInput when the row no longer waits for approval
     */
    ExecutionStatus approve(Principal actor, Job job, Execution waiting) {
        long now = clock.millis();
        String id = waiting.id();
        Optional<Approved> done = db.write(c -> {
            Execution gated = gate.gated(c, job, waiting, false, now);
            if (!executions.moveWaiting(c, id, ExecutionStatus.PENDING_APPROVAL, gated.status(), gated.stderr(), now)) {
                return Optional.<Approved>empty();
            }
            journal.audit()
                    .record(
                            c,
                            actor,
                            "execution.approved",
                            "execution",
                            id,
                            gated.status().wire());
            List<Event> events = new ArrayList<>();
            journal.events()
                    .write(
                            c,
                            actor,
                            EventKind.EXECUTION_APPROVED,
                            "info",
                            "Job '" + job.name() + "' execution " + id + " approved",
                            new EventLog.Subject(job.id(), id, null, null))
                    .ifPresent(events::add);
            gate.announce(c, job, gated).ifPresent(events::add);
            return Optional.of(new Approved(gated.status(), events));
        });
        if (done.isEmpty()) {
            throw new KronforceException.InvalidInput("execution is not pending approval");
        }
        journal.events().publish(done.get().events());
        return done.get().status();
    }

    private record Approved(ExecutionStatus status, List<Event> events) {}
}
