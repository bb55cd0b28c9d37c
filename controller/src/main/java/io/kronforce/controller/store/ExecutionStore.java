package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Transitions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Executions. State changes are conditional updates checked against {@link Transitions}: the
 * row changes only if it is still in a state the change may leave, so a late or duplicate report
 * loses quietly instead of rewriting history. Lists and counts for the API are
 * {@link ExecutionQueryStore}'s.
 */
public final class ExecutionStore {
    private static final String COLUMNS = "id, job_id, agent_id, task_snapshot_json, status, exit_code, stdout, stderr,"
            + " stdout_truncated, stderr_truncated, started_at_ms, finished_at_ms, triggered_by_json, extracted_json,"
            + " created_at_ms, retry_of, attempt_number, params_json";
    /** What reads select: the written columns plus the slot, which only insertScheduled writes. */
    static final String READ_COLUMNS = COLUMNS + ", scheduled_for_ms";

    /**
     * Ids bound per {@code IN (…)} list: a second's slots released in one statement, well under
     * SQLite's limit of 32,766 parameters.
     */
    private static final int IN_CHUNK = 8_192;

    private final Database db;

    public ExecutionStore(Database db) {
        this.db = db;
    }

    /** The final facts of a run; {@code extracted} is the output rules' {@code {name: value}} object, or null. */
    public record Result(
            ExecutionStatus status,
            Integer exitCode,
            String stdout,
            String stderr,
            boolean stdoutTruncated,
            boolean stderrTruncated,
            long finishedAtMs,
            Long startedAtMs,
            JsonNode extracted) {}

    public void insert(Connection c, Execution e) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO executions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                e.id(),
                e.jobId(),
                e.agentId(),
                Json.write(e.taskSnapshot()),
                e.status().wire(),
                e.exitCode(),
                e.stdout(),
                e.stderr(),
                e.stdoutTruncated(),
                e.stderrTruncated(),
                e.startedAtMs(),
                e.finishedAtMs(),
                Json.write(e.triggeredBy()),
                Json.write(e.extracted()),
                e.createdAtMs(),
                e.retryOf(),
                e.attemptNumber(),
                Json.write(e.params()));
    }

    /**
     * Records a scheduler-fired execution for {@code slotMs} unless that (job, slot) already has
     * one (unique index {@code executions_slot}); false when it had, so a slot never runs twice.
     */
    public boolean insertScheduled(Connection c, Execution e, long slotMs) throws SQLException {
        return Sql.update(
                        c,
                        "INSERT INTO executions (" + COLUMNS + ", scheduled_for_ms)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                                + " ON CONFLICT (job_id, scheduled_for_ms) WHERE scheduled_for_ms IS NOT NULL DO NOTHING",
                        e.id(),
                        e.jobId(),
                        e.agentId(),
                        Json.write(e.taskSnapshot()),
                        e.status().wire(),
                        e.exitCode(),
                        e.stdout(),
                        e.stderr(),
                        e.stdoutTruncated(),
                        e.stderrTruncated(),
                        e.startedAtMs(),
                        e.finishedAtMs(),
                        Json.write(e.triggeredBy()),
                        Json.write(e.extracted()),
                        e.createdAtMs(),
                        e.retryOf(),
                        e.attemptNumber(),
                        Json.write(e.params()),
                        slotMs)
                == 1;
    }

    /** Inserts {@code e}, as a scheduler slot when {@code slotMs} is set; false when that slot already had a row. */
    public boolean insert(Connection c, Execution e, Long slotMs) throws SQLException {
        if (slotMs == null) {
            insert(c, e);
            return true;
        }
        return insertScheduled(c, e, slotMs);
    }

    /**
     * Moves a row that has not run from one waiting status to another ({@code pending_approval} →
     * {@code pending}, {@code queued} → {@code pending}); a move to {@code skipped} also records the
     * reason and the finish. False when the row was no longer in {@code from}.
     */
    public boolean moveWaiting(
            Connection c, String id, ExecutionStatus from, ExecutionStatus to, String reason, long atMs)
            throws SQLException {
        if (!Transitions.allowed(from, to)) {
            throw new IllegalArgumentException(from + " -> " + to);
        }
        return to.isTerminal()
                ? Sql.update(
                                c,
                                "UPDATE executions SET status=?, stderr=?, finished_at_ms=? WHERE id=? AND status=?",
                                to.wire(),
                                reason,
                                atMs,
                                id,
                                from.wire())
                        == 1
                : Sql.update(c, "UPDATE executions SET status=? WHERE id=? AND status=?", to.wire(), id, from.wire())
                        == 1;
    }

    /** The job's oldest queued run (the next to take a free concurrency slot). */
    public Optional<String> oldestQueued(Connection c, String jobId) throws SQLException {
        return Sql.one(
                c,
                "SELECT id FROM executions WHERE job_id=? AND status='queued'" + " ORDER BY created_at_ms, id LIMIT 1",
                rs -> rs.getString(1),
                jobId);
    }

    public long countQueued(Connection c, String jobId) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM executions WHERE job_id=? AND status='queued'", jobId);
    }

    /** The job's runs that have not finished (pending, running, queued, awaiting approval), oldest first. */
    public List<String> unfinished(String jobId) {
        return db.read(c -> Sql.list(
                c,
                "SELECT id FROM executions WHERE job_id=? AND status IN"
                        + " ('pending','running','queued','pending_approval') ORDER BY created_at_ms",
                rs -> rs.getString(1),
                jobId));
    }

    public boolean hasQueued(String jobId) {
        return db.read(c -> countQueued(c, jobId) > 0);
    }

    /** Jobs that have queued runs (start-up recovery hands them their free slots). */
    public List<String> jobsWithQueued() {
        return db.read(c ->
                Sql.list(c, "SELECT DISTINCT job_id FROM executions WHERE status='queued'", rs -> rs.getString(1)));
    }

    /** Whether a run of the job is pending or running, and when its last run finished (interval schedules). */
    public record RunHistory(boolean active, Long lastFinishedMs) {}

    public RunHistory runHistory(String jobId) {
        return db.read(c -> Sql.one(
                        c,
                        "SELECT EXISTS(SELECT 1 FROM executions WHERE job_id=? AND status IN"
                                + " ('pending','running')) AS active,"
                                + " (SELECT max(finished_at_ms) FROM executions WHERE job_id=?) AS last_finished",
                        rs -> new RunHistory(rs.getInt("active") == 1, Sql.nullableLong(rs, "last_finished")),
                        jobId,
                        jobId)
                .orElseThrow());
    }

    /** pending → running. */
    public boolean markRunning(Connection c, String id, long startedAtMs) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE executions SET status='running', started_at_ms=? WHERE id=? AND status IN "
                                + sources(ExecutionStatus.RUNNING),
                        startedAtMs,
                        id)
                == 1;
    }

    /**
     * Starts the admitted rows among {@code ids} that are still {@code pending}, all from
     * {@code startedAtMs}, in one statement per {@value #IN_CHUNK} ids; answers the ids it moved. A row
     * cancelled, closed or deleted since its admission is not among them, so it does not start.
     */
    public List<String> startPending(Connection c, List<String> ids, long startedAtMs) throws SQLException {
        return inChunks(ids, (chunk, marks) -> {
            List<Object> args = new ArrayList<>(chunk.size() + 1);
            args.add(startedAtMs);
            args.addAll(chunk);
            return Sql.list(
                    c,
                    "UPDATE executions SET status='running', started_at_ms=? WHERE status='pending' AND id IN " + marks
                            + " RETURNING id",
                    rs -> rs.getString(1),
                    args.toArray());
        });
    }

    /** The ids among {@code ids} whose rows are still {@code pending}, in one read per {@value #IN_CHUNK} ids. */
    public List<String> stillPending(List<String> ids) {
        return db.read(c -> inChunks(
                ids,
                (chunk, marks) -> Sql.list(
                        c,
                        "SELECT id FROM executions WHERE status='pending' AND id IN " + marks,
                        rs -> rs.getString(1),
                        chunk.toArray())));
    }

    /** One statement over a chunk of ids and its {@code (?,?,…)}. */
    @FunctionalInterface
    private interface ChunkStatement<T> {
        List<T> run(List<String> chunk, String marks) throws SQLException;
    }

    /**
     * {@code statement} over {@code ids} in chunks of {@value #IN_CHUNK}, the rows of every chunk
     * together. A chunk is padded to a power of two by repeating its last id (harmless in an
     * {@code IN} list), so a few SQL texts serve every size and stay in the statement cache.
     */
    private static <T> List<T> inChunks(List<String> ids, ChunkStatement<T> statement) throws SQLException {
        List<T> out = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = new ArrayList<>(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)));
            int padded = Integer.highestOneBit(chunk.size() - 1) << 1;
            String last = chunk.getLast();
            while (chunk.size() < padded) {
                chunk.add(last);
            }
            out.addAll(statement.run(chunk, "(" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")"));
        }
        return out;
    }

    /**
     * Records a terminal result if the execution has not finished yet. A known body start replaces
     * the stored one (a run admitted {@code running} holds its admission time until then); with none,
     * a run that never started gets its finish as its start.
     */
    public boolean finish(Connection c, String id, Result r) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE executions SET status=?, exit_code=?, stdout=?, stderr=?, stdout_truncated=?,"
                                + " stderr_truncated=?, finished_at_ms=?, started_at_ms=COALESCE(?, started_at_ms, ?),"
                                + " extracted_json=? WHERE id=? AND status IN " + sources(r.status()),
                        r.status().wire(),
                        r.exitCode(),
                        r.stdout(),
                        r.stderr(),
                        r.stdoutTruncated(),
                        r.stderrTruncated(),
                        r.finishedAtMs(),
                        r.startedAtMs(),
                        r.finishedAtMs(),
                        Json.write(r.extracted()),
                        id)
                == 1;
    }

    /** {@code ('a','b',…)}: the statuses a row may move to {@code to} from; built once per status, not per write. */
    private static final Map<ExecutionStatus, String> SOURCES = sourcesByTarget();

    private static Map<ExecutionStatus, String> sourcesByTarget() {
        Map<ExecutionStatus, String> out = new EnumMap<>(ExecutionStatus.class);
        for (ExecutionStatus to : ExecutionStatus.values()) {
            out.put(
                    to,
                    Transitions.sourcesOf(to).stream()
                            .map(s -> "'" + s.wire() + "'")
                            .collect(Collectors.joining(",", "(", ")")));
        }
        return out;
    }

    private static String sources(ExecutionStatus to) {
        return SOURCES.get(to);
    }

    public Optional<Execution> findById(String id) {
        return db.read(
                c -> Sql.one(c, "SELECT " + READ_COLUMNS + " FROM executions WHERE id=?", ExecutionStore::map, id));
    }

    public Optional<Execution> findById(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + READ_COLUMNS + " FROM executions WHERE id=?", ExecutionStore::map, id);
    }

    /** Ids of executions in the given state, oldest first (start-up recovery). */
    public List<String> idsInStatus(ExecutionStatus status) {
        // A literal state (from the enum, never user input) lets SQLite use the partial index executions_active.
        return db.read(c -> Sql.list(
                c,
                "SELECT id FROM executions WHERE status='" + status.wire()
                        + "' AND agent_id IS NULL ORDER BY created_at_ms",
                rs -> rs.getString(1)));
    }

    /**
     * Deletes at most {@code limit} finished executions older than the cut-off; unfinished rows are
     * never purged. The limit lets retention purge in short transactions between other writes.
     */
    public int deleteFinishedBefore(Connection c, long cutoffMs, int limit) throws SQLException {
        return Sql.update(
                c,
                "DELETE FROM executions WHERE rowid IN (SELECT rowid FROM executions"
                        + " WHERE finished_at_ms IS NOT NULL AND finished_at_ms < ? LIMIT ?)",
                cutoffMs,
                limit);
    }

    static Execution map(ResultSet rs) throws SQLException {
        return new Execution(
                rs.getString("id"),
                rs.getString("job_id"),
                rs.getString("agent_id"),
                Json.read(rs.getString("task_snapshot_json")),
                ExecutionStatus.parse(rs.getString("status")).orElseThrow(),
                Sql.nullableInt(rs, "exit_code"),
                rs.getString("stdout"),
                rs.getString("stderr"),
                rs.getInt("stdout_truncated") == 1,
                rs.getInt("stderr_truncated") == 1,
                Sql.nullableLong(rs, "started_at_ms"),
                Sql.nullableLong(rs, "finished_at_ms"),
                Json.read(rs.getString("triggered_by_json")),
                Json.read(rs.getString("extracted_json")),
                rs.getLong("created_at_ms"),
                rs.getString("retry_of"),
                rs.getInt("attempt_number"),
                Json.read(rs.getString("params_json")),
                Sql.nullableLong(rs, "scheduled_for_ms"));
    }
}
