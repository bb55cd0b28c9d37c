package io.kronforce.controller.notify;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.notifier.EventKind;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Turns one decided notification into outbox rows: one per enabled destination and recipient,
 * all in one transaction, then wakes the delivery loop. Rows are keyed by their cause, so
 * hearing about the same event twice adds nothing.
 */
final class Outbox {
    private static final Logger LOG = Logger.getLogger(Outbox.class.getName());
    /** Channels that keep incidents open until told otherwise: they hear of successes even when nobody else does. */
    static final Set<String> INCIDENT_CHANNELS = Set.of("pagerduty");

    private final Database db;
    private final OutboxStore store;
    private final Supplier<Map<String, String>> settings;
    private final ChannelCatalog catalog;
    private final InstantSource clock;
    private final Runnable wake;

    Outbox(
            Database db,
            OutboxStore store,
            Supplier<Map<String, String>> settings,
            ChannelCatalog catalog,
            InstantSource clock,
            Runnable wake) {
        this.db = db;
        this.store = store;
        this.settings = settings;
        this.catalog = catalog;
        this.clock = clock;
        this.wake = wake;
    }

    /** Current destinations and recipients, read fresh: settings change at run time. */
    NotificationSettings current() {
        return NotificationSettings.from(settings.get());
    }

    /**
     * Queues a run's notification.
     *
     * @param resolveOnly only incident channels hear of it (a success closing what failures opened)
     * @return how many rows were added
     */
    int enqueue(String sourceKey, Job job, Execution e, JobRule rule, EventKind kind, boolean resolveOnly) {
        NotificationSettings cfg = current();
        return enqueue(
                sourceKey,
                cfg,
                rule.recipients().orElse(cfg.recipients()),
                job.id(),
                e.id(),
                d -> !resolveOnly || INCIDENT_CHANNELS.contains(d.type()),
                recipientKind -> NotificationJson.write(Messages.forRun(
                        job, e, kind, recipientKind == RecipientKind.EMAIL && rule.emailsOutput(e.status()))));
    }

    /**
     * Queues an alert to every destination: a job's (its rule's recipients first) or, with
     * {@code job} null, the system's (global recipients).
     */
    int enqueueAlert(String sourceKey, Job job, JobRule rule, Notification alert) {
        NotificationSettings cfg = current();
        Recipients who = rule == null ? cfg.recipients() : rule.recipients().orElse(cfg.recipients());
        String json = NotificationJson.write(alert);
        return enqueue(
                sourceKey,
                cfg,
                who,
                job == null ? null : job.id(),
                alert.executionId(),
                d -> true,
                recipientKind -> json);
    }

    private int enqueue(
            String sourceKey,
            NotificationSettings cfg,
            Recipients who,
            String jobId,
            String executionId,
            Predicate<Destination> include,
            Function<RecipientKind, String> json) {
        List<OutboxStore.Row> rows = new ArrayList<>();
        long now = clock.millis();
        for (Destination d : cfg.destinations()) {
            Optional<RecipientKind> recipientKind = catalog.recipients(d.type());
            if (recipientKind.isEmpty()) {
                LOG.warning("notification destination '" + d.name() + "' has type '" + d.type()
                        + "', which no installed channel serves; installed: " + catalog.types());
                continue;
            }
            if (!include.test(d)) {
                continue;
            }
            String body = json.apply(recipientKind.get());
            for (String recipient : recipients(recipientKind.get(), who)) {
                rows.add(new OutboxStore.Row(
                        Ids.newId(),
                        sourceKey,
                        d.name(),
                        d.type(),
                        recipient,
                        jobId,
                        executionId,
                        body,
                        "pending",
                        0,
                        now,
                        null));
            }
        }
        return insert(rows, now);
    }

    private int insert(List<OutboxStore.Row> rows, long now) {
        if (rows.isEmpty()) {
            return 0;
        }
        int added = db.write(c -> {
            int n = 0;
            for (OutboxStore.Row row : rows) {
                n += store.insert(c, row, now) ? 1 : 0;
            }
            return n;
        });
        wake.run();
        return added;
    }

    /** The addresses a channel of this kind sends to; one empty "recipient" for webhooks. */
    static List<String> recipients(RecipientKind kind, Recipients who) {
        return switch (kind) {
            case NONE -> List.of("");
            case EMAIL -> who.emails();
            case PHONE -> who.phones();
        };
    }

    /** The notification a row carries, for the loop. */
    static Notification notificationOf(OutboxStore.Row row) {
        return NotificationJson.read(row.notificationJson());
    }
}
