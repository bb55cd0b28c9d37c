package io.kronforce.controller.system;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.EventStore;
import io.kronforce.controller.store.ExecutionStore;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The retention duty: finished executions and events older than {@code retention_days}
 * (default 7), audit rows older than {@code audit_retention_days} (default 90); 0 disables each.
 * Unfinished executions are never purged.
 */
public final class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);

    private final Database db;
    private final Settings settings;
    private final Stores stores;
    private final InstantSource clock;

    /** The stores the duty prunes. */
    public record Stores(ExecutionStore executions, EventStore events, AuditStore audit) {}

    /** How many rows one pass removed. */
    public record Purged(int executions, int events, int audit) {}

    public Retention(Database db, Settings settings, Stores stores, InstantSource clock) {
        this.db = db;
        this.settings = settings;
        this.stores = stores;
        this.clock = clock;
    }

    public Purged runOnce() {
        int days = settings.days("retention_days", 7);
        int auditDays = settings.days("audit_retention_days", 90);
        long now = clock.millis();
        Purged purged = db.write(c -> new Purged(
                days > 0 ? stores.executions().deleteFinishedBefore(c, now - days * DAY_MS) : 0,
                days > 0 ? stores.events().deleteBefore(c, now - days * DAY_MS) : 0,
                auditDays > 0 ? stores.audit().deleteBefore(c, now - auditDays * DAY_MS) : 0));
        if (purged.executions() + purged.events() + purged.audit() > 0) {
            LOG.info("retention removed " + purged);
        }
        return purged;
    }
}
