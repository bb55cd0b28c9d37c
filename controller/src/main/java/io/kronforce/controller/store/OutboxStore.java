package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The notification outbox (V0015): rows written with their cause, claimed when due, closed once. */
public final class OutboxStore {
    private final Database db;

    public OutboxStore(Database db) {
        this.db = db;
    }

    /** A message for one destination and recipient. */
    public record Row(
            String id,
            String sourceKey,
            String destination,
            String channelType,
            String recipient,
            String jobId,
            String executionId,
            String notificationJson,
            String status,
            int attempts,
            long nextAttemptMs,
            String lastError) {}

    private static final String COLUMNS = "id, source_key, destination, channel_type, recipient, job_id, execution_id,"
            + " notification_json, status, attempts, next_attempt_ms, last_error";

    /** Adds a pending row; false when the same cause already has one for this destination and recipient. */
    public boolean insert(Connection c, Row r, long nowMs) throws SQLException {
        return Sql.update(
                        c,
                        "INSERT INTO notification_outbox (" + COLUMNS + ", created_at_ms, updated_at_ms)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, NULL, ?, ?)"
                                + " ON CONFLICT (source_key, destination, recipient) DO NOTHING",
                        r.id(),
                        r.sourceKey(),
                        r.destination(),
                        r.channelType(),
                        r.recipient(),
                        r.jobId(),
                        r.executionId(),
                        r.notificationJson(),
                        r.nextAttemptMs(),
                        nowMs,
                        nowMs)
                == 1;
    }

    /** Pending rows whose time has come, oldest first. */
    public List<Row> due(long nowMs, int limit) {
        return db.read(c -> Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM notification_outbox"
                        + " WHERE status = 'pending' AND next_attempt_ms <= ? ORDER BY next_attempt_ms LIMIT ?",
                OutboxStore::row,
                nowMs,
                limit));
    }

    /** When the next pending row is due; null when none is pending. */
    public Long nextDueMs() {
        return db.read(c -> Sql.one(
                        c,
                        "SELECT MIN(next_attempt_ms) FROM notification_outbox WHERE status = 'pending'",
                        rs -> rs.getObject(1) == null ? null : rs.getLong(1)))
                .orElse(null);
    }

    public List<Row> all() {
        return db.read(c -> Sql.list(
                c, "SELECT " + COLUMNS + " FROM notification_outbox ORDER BY created_at_ms, id", OutboxStore::row));
    }

    /**
     * Closes a pending row ({@code sent} or {@code failed}) or moves its next attempt; false when
     * the row was no longer pending (someone else finished it), so no second event is written.
     */
    public boolean settle(
            Connection c, String id, String status, int attempts, long nextAttemptMs, String error, long nowMs)
            throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE notification_outbox SET status = ?, attempts = ?, next_attempt_ms = ?,"
                                + " last_error = ?, updated_at_ms = ? WHERE id = ? AND status = 'pending'",
                        status,
                        attempts,
                        nextAttemptMs,
                        error,
                        nowMs,
                        id)
                == 1;
    }

    /** Deletes finished rows last touched before {@code beforeMs}; how many. */
    public int purgeFinished(Connection c, long beforeMs) throws SQLException {
        return Sql.update(
                c, "DELETE FROM notification_outbox WHERE status <> 'pending' AND updated_at_ms < ?", beforeMs);
    }

    private static Row row(java.sql.ResultSet rs) throws SQLException {
        return new Row(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getInt(10),
                rs.getLong(11),
                rs.getString(12));
    }
}
