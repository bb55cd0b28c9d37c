package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.duty.Duty;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.notifier.Delivery;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Sends due outbox rows, one attempt each, on its own thread — never on the thread that
 * finished the execution. Each result is recorded with its event in one transaction:
 * delivered → {@code sent} + {@code notification.sent}; transient → next attempt after
 * {@link Backoff} (honouring {@code Retry-After}); permanent or out of attempts → {@code failed}
 * + {@code notification.failed}. Rows survive a restart as they are; a row whose attempt was cut
 * short by a crash is simply attempted again (at least once, not exactly once).
 */
final class DeliveryLoop implements AutoCloseable {
    private static final int BATCH = 32;
    /** Finished rows are kept this long for inspection, then purged. */
    static final Duration KEEP_FINISHED = Duration.ofDays(7);

    private static final Duration IDLE_CHECK = Duration.ofMinutes(1);
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Database db;
    private final OutboxStore store;
    private final Supplier<NotificationSettings> settings;
    private final ChannelCatalog catalog;
    private final EventLog events;
    private final InstantSource clock;
    // Closing interrupts an attempt in flight: it is abandoned and its row stays pending. A failed
    // pass is counted and logged by the duty, and tried again a second later.
    private final Duty duty = new Duty("kronforce-notifier", Duty.Plan.standard(), this::step);
    private long purgedAt; // only the duty's thread

    DeliveryLoop(
            Database db,
            OutboxStore store,
            Supplier<NotificationSettings> settings,
            ChannelCatalog catalog,
            EventLog events,
            InstantSource clock) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    void start() {
        duty.start();
    }

    /** Makes the loop look for due rows now. */
    void wake() {
        duty.wake();
    }

    /** Delivery passes that failed since the start. */
    long failures() {
        return duty.failures();
    }

    @Override
    public void close() {
        duty.close();
    }

    /** One pass: the hourly purge when due, one batch of due rows, then how long to sleep. */
    private Duration step() throws InterruptedException {
        if (clock.millis() - purgedAt > PURGE_EVERY.toMillis()) {
            long before = clock.millis() - KEEP_FINISHED.toMillis();
            db.write(c -> store.purgeFinished(c, before));
            purgedAt = clock.millis();
        }
        List<OutboxStore.Row> due = store.due(clock.millis(), BATCH);
        for (OutboxStore.Row row : due) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("delivery pass interrupted");
            }
            attempt(row);
        }
        if (due.size() >= BATCH) {
            return Duration.ZERO;
        }
        Long next = store.nextDueMs();
        return Duration.ofMillis(
                next == null ? IDLE_CHECK.toMillis() : Math.min(IDLE_CHECK.toMillis(), next - clock.millis()));
    }

    /** One attempt at one row, and its bookkeeping. */
    void attempt(OutboxStore.Row row) throws InterruptedException {
        Optional<Destination> destination = settings.get().find(row.destination());
        Delivery result;
        if (destination.isEmpty()) {
            result = new Delivery.Undeliverable(
                    "destination '" + row.destination() + "' is no longer configured or enabled");
        } else if (!destination.get().type().equals(row.channelType())) {
            result = new Delivery.Undeliverable("destination '" + row.destination() + "' changed type from "
                    + row.channelType() + " to " + destination.get().type());
        } else {
            result = catalog.deliver(destination.get(), Outbox.notificationOf(row), row.recipient());
        }
        record(row, result);
    }

    private void record(OutboxStore.Row row, Delivery result) {
        int attempts = row.attempts() + 1;
        long now = clock.millis();
        Optional<List<Event>> written = db.write(c -> {
            List<Event> out = new ArrayList<>();
            boolean settled = switch (result) {
                case Delivery.Delivered d ->
                    store.settle(c, row.id(), "sent", attempts, now, null, now)
                            && add(
                                    out,
                                    events.write(
                                            c,
                                            Principal.SYSTEM,
                                            EventKind.NOTIFICATION_SENT,
                                            "info",
                                            message(row, "sent"),
                                            subject(row, attempts, d.detail())));
                case Delivery.RetryLater r
                when !Backoff.exhausted(attempts) ->
                    store.settle(
                            c,
                            row.id(),
                            "pending",
                            attempts,
                            now + Backoff.after(attempts, r.retryAfter()).toMillis(),
                            r.reason(),
                            now);
                case Delivery.RetryLater r ->
                    failed(c, out, row, attempts, "gave up after " + attempts + " attempts: " + r.reason(), now);
                case Delivery.Undeliverable u -> failed(c, out, row, attempts, u.reason(), now);
            };
            return settled ? Optional.of(out) : Optional.<List<Event>>empty();
        });
        written.ifPresent(events::publish);
    }

    private boolean failed(
            java.sql.Connection c, List<Event> out, OutboxStore.Row row, int attempts, String reason, long now)
            throws java.sql.SQLException {
        return store.settle(c, row.id(), "failed", attempts, now, reason, now)
                && add(
                        out,
                        events.write(
                                c,
                                Principal.SYSTEM,
                                EventKind.NOTIFICATION_FAILED,
                                "error",
                                message(row, "failed"),
                                subject(row, attempts, reason)));
    }

    private static boolean add(List<Event> out, Optional<Event> event) {
        event.ifPresent(out::add);
        return true;
    }

    private static String message(OutboxStore.Row row, String outcome) {
        return "Notification via " + row.channelType() + " '" + row.destination() + "' " + outcome;
    }

    /** Details name the destination and recipient, never its settings: reasons are already free of secrets. */
    private static EventLog.Subject subject(OutboxStore.Row row, int attempts, String detail) {
        ObjectNode details = JsonNodeFactory.instance
                .objectNode()
                .put("destination", row.destination())
                .put("channel", row.channelType())
                .put("attempts", attempts)
                .put("detail", detail);
        if (!row.recipient().isEmpty()) {
            details.put("recipient", row.recipient());
        }
        return new EventLog.Subject(row.jobId(), row.executionId(), null, details.toString());
    }
}
