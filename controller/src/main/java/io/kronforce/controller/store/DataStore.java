package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations on the user's data as a whole: the delete-all. API keys, browser sessions, agents,
 * settings and the audit log are not the user's data in this sense and are never touched here.
 */
public final class DataStore {
    private final Database db;
    private final JobRowCache jobRows;

    public DataStore(Database db) {
        this.db = db;
        this.jobRows = db.shared(JobRowCache.class, JobRowCache::new);
    }

    /**
     * What the delete-all empties, in an order that never leaves a dangling row. Executions and
     * what hangs off them (retry queue, webhooks, agent work) go with their jobs through the
     * foreign keys' cascades; they are deleted first only so their count can be told.
     */
    private static final List<String> TABLES = List.of(
            "executions",
            "jobs",
            "job_versions",
            "job_groups",
            "variables",
            "connections",
            "scripts",
            "events",
            "notification_outbox");

    /** Runs that are dispatched or about to be: a delete-all under them would lose their results. */
    public long activeRuns(Connection c) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM executions WHERE status IN ('pending', 'running')");
    }

    /** Empties every table of {@link #TABLES} in the caller's transaction; rows removed per table. */
    public Map<String, Long> deleteAll(Connection c) throws SQLException {
        Map<String, Long> removed = new LinkedHashMap<>();
        db.afterTransaction(jobRows::forgetAll); // every job goes, and with it what reads remember of them
        for (String table : TABLES) {
            removed.put(table, (long) Sql.update(c, "DELETE FROM " + table));
        }
        return removed;
    }
}
