package io.kronforce.controller.journal;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.store.EventStore;
import io.kronforce.worker.host.Fatal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Emits events: the row is written inside the caller's transaction; listeners (event-triggered
 * jobs, notifications) hear about it only after that transaction committed, via {@link #publish}.
 */
public final class EventLog {
    private static final Logger LOG = Logger.getLogger(EventLog.class.getName());

    private final EventStore store;
    private final InstantSource clock;
    private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();

    public EventLog(EventStore store, InstantSource clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What an event is about; null fields are unknown or not applicable. */
    public record Subject(String jobId, String executionId, String agentId, String details) {
        public static Subject job(String jobId) {
            return new Subject(jobId, null, null, null);
        }
    }

    /** Writes the event; empty when it was a duplicate {@code execution.completed} and nothing was written. */
    public java.util.Optional<Event> write(
            Connection c, Principal actor, EventKind kind, String severity, String message, Subject subject)
            throws SQLException {
        Event event = new Event(
                Ids.newId(),
                kind.wire(),
                severity,
                message,
                subject.jobId(),
                subject.agentId(),
                actor.keyId(),
                actor.keyName(),
                subject.executionId(),
                subject.details(),
                clock.millis());
        return store.insert(c, event) ? java.util.Optional.of(event) : java.util.Optional.empty();
    }

    /** Committed events of the given kinds since {@code sinceMs}, oldest first (a listener's catch-up after a restart). */
    public List<Event> committedSince(long sinceMs, java.util.Set<String> kinds, int limit) {
        return store.since(sinceMs, kinds, limit);
    }

    public void subscribe(Consumer<Event> listener) {
        listeners.add(listener);
    }

    /** Tells listeners about committed events. A failing listener is logged and skipped. */
    public void publish(List<Event> committed) {
        for (Event event : committed) {
            for (Consumer<Event> listener : listeners) {
                try {
                    listener.accept(event);
                } catch (Throwable e) {
                    // A reaction's failure (an Error too) is its own: the other listeners still hear.
                    LOG.log(Level.WARNING, "event listener failed for " + event.kind(), e);
                    Fatal.rethrowIfFatal(e);
                }
            }
        }
    }
}
