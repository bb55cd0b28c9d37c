package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
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
        return Sql.one(
                c,
                "SELECT status, finished_at_ms FROM executions WHERE job_id=?"
                        + " ORDER BY created_at_ms DESC, id DESC LIMIT 1",
                rs -> new Latest(
                        ExecutionStatus.parse(rs.getString(1)).orElseThrow(), Sql.nullableLong(rs, "finished_at_ms")),
                jobId);
    }

    public Optional<Latest> latest(String jobId) {
        return db.read(c -> latest(c, jobId));
    }

    public Optional<String> name(Connection c, String jobId) throws SQLException {
        return Sql.one(c, "SELECT name FROM jobs WHERE id=?", rs -> rs.getString(1), jobId);
    }

    /** Executions of the job that are pending or running (its concurrency). */
    public long active(Connection c, String jobId) throws SQLException {
        return Sql.count(
                c, "SELECT count(*) FROM executions WHERE job_id=? AND status IN ('pending','running')", jobId);
    }

    /** Every job's dependency ids, for jobs that have any (the cascade's reverse index is built from it). */
    public java.util.Map<String, List<String>> dependencies() {
        return db.read(c -> new JobStore(db).dependencyGraph(c));
    }

    /**
     * Remembers, in the transaction that records a success, that its job's dependents are still to
     * be told; {@link #cascadeDone} forgets it once they were.
     */
    public void markCascadeDue(Connection c, String executionId, long atMs) throws SQLException {
        Sql.update(
                c, "INSERT OR IGNORE INTO cascade_due(execution_id, created_at_ms) VALUES (?, ?)", executionId, atMs);
    }

    public void cascadeDone(String executionId) {
        db.write(c -> Sql.update(c, "DELETE FROM cascade_due WHERE execution_id=?", executionId));
    }

    /** Successes whose cascade a stop interrupted, oldest first. */
    public List<String> cascadesDue() {
        return db.read(c -> Sql.list(
                c, "SELECT execution_id FROM cascade_due ORDER BY created_at_ms, execution_id", rs -> rs.getString(1)));
    }

    /** Whether {@code jobId} already holds a run the cascade of {@code parentExecutionId} fired. */
    public boolean firedBy(String jobId, String parentExecutionId) {
        return db.read(c -> Sql.count(
                        c,
                        "SELECT count(*) FROM executions WHERE job_id=?"
                                + " AND json_extract(triggered_by_json, '$.parent_execution_id')=?",
                        jobId,
                        parentExecutionId))
                > 0;
    }

    private static final String LATEST_STATUS = "(SELECT e.status FROM executions e WHERE e.job_id=j.id"
            + " ORDER BY e.created_at_ms DESC, e.id DESC LIMIT 1)";
    private static final String LATEST_FINISH = "(SELECT e.finished_at_ms FROM executions e WHERE e.job_id=j.id"
            + " ORDER BY e.created_at_ms DESC, e.id DESC LIMIT 1)";

    /**
     * When every job of the group (at least 2) has a latest execution {@code succeeded}: the
     * oldest of those finishes; else empty. Stops at the first member that has not succeeded.
     */
    public Optional<Long> groupSucceededSince(Connection c, String group) throws SQLException {
        boolean incomplete = Sql.count(
                        c,
                        "SELECT count(*) FROM (SELECT 1 FROM jobs j WHERE j.group_name=? AND" + " COALESCE("
                                + LATEST_STATUS + ", '') <> 'succeeded' LIMIT 1)",
                        group)
                > 0;
        if (incomplete
                || Sql.count(c, "SELECT count(*) FROM (SELECT 1 FROM jobs WHERE group_name=? LIMIT 2)", group) < 2) {
            return Optional.empty();
        }
        return Sql.one(
                c,
                "SELECT min(" + LATEST_FINISH + ") AS oldest FROM jobs j WHERE j.group_name=?",
                rs -> Sql.nullableLong(rs, "oldest"),
                group);
    }

    /** The job's group, read alone (no spec): empty when the job is gone. */
    public Optional<String> groupOf(String jobId) {
        return db.read(c -> Sql.one(c, "SELECT group_name FROM jobs WHERE id=?", rs -> rs.getString(1), jobId));
    }

    /**
     * A member of the group whose latest execution is not {@code succeeded} (or that has none): while
     * one exists the group cannot complete. Stops at the first one found.
     */
    public Optional<String> groupBlocker(String group) {
        return db.read(c -> Sql.one(
                c,
                "SELECT j.id FROM jobs j WHERE j.group_name=? AND COALESCE(" + LATEST_STATUS
                        + ", '') <> 'succeeded' LIMIT 1",
                rs -> rs.getString(1),
                group));
    }

    /** Whether the job is still in the group with a latest execution other than {@code succeeded}: one row, one index probe. */
    public boolean stillBlocks(String jobId, String group) {
        return db.read(c -> Sql.count(
                        c,
                        "SELECT count(*) FROM jobs j WHERE j.id=? AND j.group_name=? AND COALESCE(" + LATEST_STATUS
                                + ", '') <> 'succeeded'",
                        jobId,
                        group)
                > 0);
    }

    public Optional<Long> groupSucceededSince(String group) {
        return db.read(c -> groupSucceededSince(c, group));
    }

    /** When {@code group.completed} was last emitted for the group, or empty. */
    public Optional<Long> lastGroupCompleted(Connection c, String group) throws SQLException {
        return Sql.one(
                c,
                "SELECT max(timestamp_ms) AS last FROM events WHERE kind='group.completed' AND details=?",
                rs -> Sql.nullableLong(rs, "last"),
                group);
    }

    /** Ids of scheduled jobs with an event schedule (the trigger index is built from them at start). */
    public List<String> eventScheduled() {
        return db.read(c -> Sql.list(
                c,
                // The partial index (V0072), named: the planner would take jobs_status_name and read every job.
                "SELECT id FROM jobs INDEXED BY jobs_event_scheduled WHERE status='scheduled'"
                        + " AND json_extract(spec_json, '$.schedule.type')='event'",
                rs -> rs.getString(1)));
    }
}
