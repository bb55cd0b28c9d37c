package io.kronforce.controller.replication;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.EventLog;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Records {@code replication.failed} / {@code replication.recovered} in the event log and
 * publishes them after commit, so event triggers and notification rules hear them like any event.
 */
final class ReplicationEvents implements BiConsumer<ReplicationMonitor.Change, ReplicationState> {
    private static final Logger LOG = Logger.getLogger(ReplicationEvents.class.getName());
    static final String FAILED = EventKind.REPLICATION_FAILED.wire();
    static final String RECOVERED = EventKind.REPLICATION_RECOVERED.wire();

    private final Database db;
    private final EventLog events;

    ReplicationEvents(Database db, EventLog events) {
        this.db = db;
        this.events = events;
    }

    @Override
    public void accept(ReplicationMonitor.Change change, ReplicationState state) {
        EventKind kind = change.failed() ? EventKind.REPLICATION_FAILED : EventKind.REPLICATION_RECOVERED;
        String message =
                "Replication to " + state.url() + (change.failed() ? " failed: " : " recovered: ") + change.reason();
        LOG.log(change.failed() ? Level.WARNING : Level.INFO, message);
        try {
            Optional<Event> written = db.write(c -> events.write(
                    c,
                    Principal.SYSTEM,
                    kind,
                    change.failed() ? "error" : "info",
                    message,
                    new EventLog.Subject(null, null, null, null)));
            events.publish(written.stream().toList());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record " + kind, e);
        }
    }
}
