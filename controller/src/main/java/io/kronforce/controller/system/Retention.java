package io.kronforce.controller.system;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.SqlFunction;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.EventStore;
import io.kronforce.controller.store.ExecutionStore;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The retention duty: finished executions and events older than {@code retention_days}
 * (default 7), audit rows older than {@code audit_retention_days} (default 90); 0 disables each.
 * Unfinished executions are never purged. A horizon given at start-up
 * ({@code KRONFORCE_RETENTION_HORIZON_SECS}) replaces both settings for every kind of row, so a soak
 * test sees history purged within minutes rather than days (bench/README.md, B16).
 */
public final class Retention {
    private static final Logger LOG = Logger.getLogger(Retention.class.getName());
    private static final long DAY_MS = TimeUnit.DAYS.toMillis(1);
    /**
     * Rows one write deletes at most. At 500 runs a second a pass every minute has some 120,000
     * rows to delete (a run, two events, an audit row); in one transaction that held the single
     * writer for seconds while every trigger and completion queued behind it (bench B16).
     */
    static final int BATCH = 2_000;

    private final Database db;
    private final Settings settings;
    private final Stores stores;
    private final InstantSource clock;
    private final Optional<Duration> horizon;

    /** The stores the duty prunes. */
    public record Stores(ExecutionStore executions, EventStore events, AuditStore audit) {}

    /** How many rows one pass removed. */
    public record Purged(int executions, int events, int audit) {}

    /**
     * @param horizon when present, rows older than this are purged whatever {@code retention_days}
     *     and {@code audit_retention_days} say
     */
    public Retention(Database db, Settings settings, Stores stores, InstantSource clock, Optional<Duration> horizon) {
        this.db = db;
        this.settings = settings;
        this.stores = stores;
        this.clock = clock;
        this.horizon = horizon;
    }

    public Purged runOnce() {
        long keepMs = horizon.map(Duration::toMillis).orElseGet(() -> settings.days("retention_days", 7) * DAY_MS);
        long auditKeepMs =
                horizon.map(Duration::toMillis).orElseGet(() -> settings.days("audit_retention_days", 90) * DAY_MS);
        long now = clock.millis();
        Purged purged = new Purged(
                keepMs > 0 ? inBatches(c -> stores.executions().deleteFinishedBefore(c, now - keepMs, BATCH)) : 0,
                keepMs > 0 ? inBatches(c -> stores.events().deleteBefore(c, now - keepMs, BATCH)) : 0,
                auditKeepMs > 0 ? inBatches(c -> stores.audit().deleteBefore(c, now - auditKeepMs, BATCH)) : 0);
        if (purged.executions() + purged.events() + purged.audit() > 0) {
            LOG.info("retention removed " + purged);
        }
        return purged;
    }

    /** Repeats {@code batch} (which deletes at most {@link #BATCH} rows), each in its own write, until one falls short. */
    private int inBatches(SqlFunction<Integer> batch) {
        int total = 0;
        int deleted;
        do {
            deleted = db.write(batch);
            total += deleted;
        } while (deleted == BATCH);
        return total;
    }
}
