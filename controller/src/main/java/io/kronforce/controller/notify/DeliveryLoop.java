package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.notifier.Delivery;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Sends due outbox rows, one attempt each, on its own thread — never on the thread that
 * finished the execution. Each result is recorded with its event in one transaction:
 * delivered → {@code sent} + {@code notification.sent}; transient → next attempt after
 * {@link Backoff} (honouring {@code Retry-After}); permanent or out of attempts → {@code failed}
 * + {@code notification.failed}. Rows survive a restart as they are; a row whose attempt was cut
 * short by a crash is simply attempted again (at least once, not exactly once).
 */
final class DeliveryLoop implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeliveryLoop.class.getName());
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
    private final Semaphore wakeups = new Semaphore(0);
    private volatile boolean running;
    private Thread thread;

    DeliveryLoop(Database db, OutboxStore store, Supplier<NotificationSettings> settings, ChannelCatalog catalog,
                 EventLog events, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.catalog = catalog;
        this.events = events;
        this.clock = clock;
    }

    synchronized void start() {
        if (thread == null) {
            running = true;
            thread = Thread.ofPlatform().name("kronforce-notifier").daemon(true).start(this::run);
        }
    }

    /** Makes the loop look for due rows now. */
    void wake() {
        wakeups.release();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (thread != null) {
            thread.interrupt(); // an attempt in flight is abandoned; its row stays pending
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
    }

    private void run() {
        long purgedAt = 0;
        while (running) {
            try {
                if (clock.millis() - purgedAt > PURGE_EVERY.toMillis()) {
                    long before = clock.millis() - KEEP_FINISHED.toMillis();
                    db.write(c -> store.purgeFinished(c, before));
                    purgedAt = clock.millis();
                }
                List<OutboxStore.Row> due = store.due(clock.millis(), BATCH);
                for (OutboxStore.Row row : due) {
                    if (!running) {
                        return;
                    }
                    attempt(row);
                }
                if (due.size() < BATCH) {
                    sleepUntilDue();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "notification delivery pass failed; trying again shortly", e);
                pause();
            }
        }
    }

    private void sleepUntilDue() throws InterruptedException {
        Long next = store.nextDueMs();
        long wait = next == null ? IDLE_CHECK.toMillis() : Math.min(IDLE_CHECK.toMillis(), next - clock.millis());
        if (wait > 0 && wakeups.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
            wakeups.drainPermits();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** One attempt at one row, and its bookkeeping. */
    void attempt(OutboxStore.Row row) throws InterruptedException {
        Optional<Destination> destination = settings.get().find(row.destination());
        Delivery result;
        if (destination.isEmpty()) {
            result = new Delivery.Undeliverable("destination '" + row.destination() + "' is no longer configured or enabled");
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
                case Delivery.Delivered d -> store.settle(c, row.id(), "sent", attempts, now, null, now)
                        && add(out, events.write(c, Principal.SYSTEM, "notification.sent", "info",
                        message(row, "sent"), subject(row, attempts, d.detail())));
                case Delivery.RetryLater r when !Backoff.exhausted(attempts) -> store.settle(c, row.id(), "pending",
                        attempts, now + Backoff.after(attempts, r.retryAfter()).toMillis(), r.reason(), now);
                case Delivery.RetryLater r -> failed(c, out, row, attempts, "gave up after " + attempts
                        + " attempts: " + r.reason(), now);
                case Delivery.Undeliverable u -> failed(c, out, row, attempts, u.reason(), now);
            };
            return settled ? Optional.of(out) : Optional.<List<Event>>empty();
        });
        written.ifPresent(events::publish);
    }

    private boolean failed(java.sql.Connection c, List<Event> out, OutboxStore.Row row, int attempts, String reason,
                           long now) throws java.sql.SQLException {
        return store.settle(c, row.id(), "failed", attempts, now, reason, now)
                && add(out, events.write(c, Principal.SYSTEM, "notification.failed", "error",
                message(row, "failed"), subject(row, attempts, reason)));
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
        ObjectNode details = JsonNodeFactory.instance.objectNode()
                .put("destination", row.destination()).put("channel", row.channelType())
                .put("attempts", attempts).put("detail", detail);
        if (!row.recipient().isEmpty()) {
            details.put("recipient", row.recipient());
        }
        return new EventLog.Subject(row.jobId(), row.executionId(), null, details.toString());
    }
}
