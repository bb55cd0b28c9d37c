package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Planned retries ({@code retry_queue}): one row per failed execution whose next attempt is due
 * later. The row is the durable timer, so a retry survives a restart. Stateless and thread-safe.
 */
public final class RetryStore {
    private final Database db;

    public RetryStore(Database db) {
        this.db = db;
    }

    /**
     * A planned retry.
     *
     * @param failedExecutionId the execution that failed (the key)
     * @param retryOf the first execution of the run, which every attempt points back to
     * @param attempt the attempt number the retry will have (2 for the first retry)
     */
    public record Planned(
            String failedExecutionId, String jobId, String retryOf, int attempt, long dueMs, JsonNode params) {}

    public void insert(Connection c, Planned p) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO retry_queue (failed_execution_id, job_id, retry_of, attempt, due_ms, params_json)"
                        + " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
                p.failedExecutionId(),
                p.jobId(),
                p.retryOf(),
                p.attempt(),
                p.dueMs(),
                Json.write(p.params()));
    }

    public Optional<Planned> find(String failedExecutionId) {
        return db.read(c -> Sql.one(
                c, "SELECT * FROM retry_queue WHERE failed_execution_id=?", RetryStore::map, failedExecutionId));
    }

    /** Every planned retry's key and due time (loaded into the timer at start). */
    public List<Planned> all() {
        return db.read(c -> Sql.list(c, "SELECT * FROM retry_queue", RetryStore::map));
    }

    private static Planned map(ResultSet rs) throws SQLException {
        return new Planned(
                rs.getString("failed_execution_id"),
                rs.getString("job_id"),
                rs.getString("retry_of"),
                rs.getInt("attempt"),
                rs.getLong("due_ms"),
                Json.read(rs.getString("params_json")));
    }

    /** Takes the retry off the plan; false when it was already gone (fired, cancelled or its job deleted). */
    public boolean delete(Connection c, String failedExecutionId) throws SQLException {
        return Sql.update(c, "DELETE FROM retry_queue WHERE failed_execution_id=?", failedExecutionId) == 1;
    }
}
