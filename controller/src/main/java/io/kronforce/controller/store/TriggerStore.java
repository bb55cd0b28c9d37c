package io.kronforce.controller.store;

import io.kronforce.controller.domain.ExecutionStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The reads behind the fire gate, the dependency cascade, {@code group.completed} and the event
 * trigger index. Methods taking a {@link Connection} run inside the caller's (writer) transaction,
 * so a check and the row it guards commit together. Stateless and thread-safe.
 */
public final class TriggerStore {
    private final Database db;

    public TriggerStore(Database db) {
        this.db = db;
    }

    /** The status and finish time of a job's latest execution. */
    public record Latest(ExecutionStatus status, Long finishedAtMs) {}

    public Optional<Latest> latest(Connection c, String jobId) throws SQLException {
        return Sql.one(c, "SELECT status, finished_at_ms FROM executions WHERE job_id=?"
                        + " ORDER BY created_at_ms DESC, id DESC LIMIT 1",
                rs -> new Latest(ExecutionStatus.parse(rs.getString(1)).orElseThrow(), Sql.nullableLong(rs, "finished_at_ms")), jobId);
    }

    public Optional<Latest> latest(String jobId) {
        return db.read(c -> latest(c, jobId));
    }

    public Optional<String> name(Connection c, String jobId) throws SQLException {
        return Sql.one(c, "SELECT name FROM jobs WHERE id=?", rs -> rs.getString(1), jobId);
    }

    /** Executions of the job that are pending or running (its concurrency). */
    public long active(Connection c, String jobId) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM executions WHERE job_id=? AND status IN ('pending','running')", jobId);
    }

    /** Ids of jobs listing {@code jobId} in {@code depends_on}. */
    public List<String> dependents(String jobId) {
        // A scan of jobs with dependencies; fine while dependency graphs are small (see GOTCHAS).
        return db.read(c -> Sql.list(c, "SELECT j.id FROM jobs j WHERE json_array_length(j.spec_json, '$.depends_on') > 0"
                + " AND EXISTS (SELECT 1 FROM json_each(j.spec_json, '$.depends_on') d"
                + " WHERE json_extract(d.value, '$.job_id') = ?) ORDER BY j.name", rs -> rs.getString(1), jobId));
    }

    /** Ids of the jobs in a group. */
    public List<String> groupMembers(Connection c, String group) throws SQLException {
        return Sql.list(c, "SELECT id FROM jobs WHERE group_name=?", rs -> rs.getString(1), group);
    }

    /** When {@code group.completed} was last emitted for the group, or empty. */
    public Optional<Long> lastGroupCompleted(Connection c, String group) throws SQLException {
        return Sql.one(c, "SELECT max(timestamp_ms) AS last FROM events WHERE kind='group.completed' AND details=?",
                rs -> Sql.nullableLong(rs, "last"), group);
    }

    /** Ids of scheduled jobs with an event schedule (the trigger index is built from them at start). */
    public List<String> eventScheduled() {
        return db.read(c -> Sql.list(c, "SELECT id FROM jobs WHERE status='scheduled'"
                + " AND json_extract(spec_json, '$.schedule.type')='event'", rs -> rs.getString(1)));
    }
}
