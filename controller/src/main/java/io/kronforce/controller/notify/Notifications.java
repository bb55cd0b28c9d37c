package io.kronforce.controller.notify;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.task.EgressPolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The notification feature as the rest of the controller sees it: a listener for committed
 * events, a delivery loop to start and close, and the test send.
 */
public final class Notifications implements AutoCloseable {
    /** The longest one delivery attempt may take. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    private final Outbox outbox;
    private final ChannelCatalog catalog;
    private final DeliveryLoop loop;
    private final CompletionListener listener;
    private final InstantSource clock;

    private final EventLog events;

    private Notifications(
            Outbox outbox,
            ChannelCatalog catalog,
            DeliveryLoop loop,
            CompletionListener listener,
            EventLog events,
            InstantSource clock) {
        this.events = events;
        this.outbox = outbox;
        this.catalog = catalog;
        this.loop = loop;
        this.listener = listener;
        this.clock = clock;
    }

    /**
     * Wires the feature: hears {@code events}, checks notification settings before {@code checked}
     * stores them; nothing is sent until {@link #start()}.
     */
    public static Notifications build(
            Database db,
            Settings settings,
            ExecutionStore executions,
            JobStore jobs,
            EventLog events,
            EgressPolicy egress,
            InstantSource clock) {
        ChannelCatalog catalog =
                ChannelCatalog.load(new ChannelSettings(egress, ATTEMPT_TIMEOUT, clock.withZone(ZoneOffset.UTC)));
        OutboxStore store = new OutboxStore(db);
        DeliveryLoop loop =
                new DeliveryLoop(db, store, () -> NotificationSettings.from(settings.plain()), catalog, events, clock);
        Outbox outbox = new Outbox(db, store, settings::plain, catalog, clock, loop::wake);
        CompletionListener listener = new CompletionListener(executions, jobs, outbox);
        events.subscribe(listener);
        settings.addCheck(new SettingsCheck(catalog));
        settings.declareSecrets(new ChannelSecrets(catalog));
        return new Notifications(outbox, catalog, loop, listener, events, clock);
    }

    /** How far back the start-up replay looks for events whose notifications a crash may have lost. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(1);

    /** Starts delivering, including rows left pending by an earlier run, after replaying the last hour's events. */
    public void start() {
        listener.replay(events, clock.millis() - REPLAY_WINDOW.toMillis());
        loop.start();
    }

    @Override
    public void close() {
        listener.close();
        loop.close();
    }

    /** What one destination did with the test message. */
    public record TestResult(String destination, String type, String recipient, String result, String detail) {}

    /** What a test send found. */
    public record TestReport(List<TestResult> results, List<String> problems) {}

    /**
     * Sends a test message through every enabled destination right away (not through the
     * outbox: the caller is waiting to see what happened), to the first default recipient only.
     */
    public TestReport test() throws InterruptedException {
        NotificationSettings cfg = outbox.current();
        Notification message = Messages.test(clock.instant());
        List<TestResult> results = new ArrayList<>();
        for (Destination d : cfg.destinations()) {
            var kind = catalog.recipients(d.type());
            List<String> to =
                    kind.map(k -> Outbox.recipients(k, cfg.recipients())).orElse(List.of(""));
            if (to.isEmpty()) {
                results.add(new TestResult(d.name(), d.type(), null, "skipped", "no default recipient configured"));
                continue;
            }
            Delivery delivery = catalog.deliver(d, message, to.getFirst());
            results.add(
                    switch (delivery) {
                        case Delivery.Delivered x ->
                            new TestResult(d.name(), d.type(), to.getFirst(), "delivered", x.detail());
                        case Delivery.RetryLater x ->
                            new TestResult(d.name(), d.type(), to.getFirst(), "retry_later", x.reason());
                        case Delivery.Undeliverable x ->
                            new TestResult(d.name(), d.type(), to.getFirst(), "undeliverable", x.reason());
                    });
        }
        return new TestReport(results, cfg.problems());
    }
}
