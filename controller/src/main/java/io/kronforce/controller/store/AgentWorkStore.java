package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code agent_work} table: remote executions, pushed or waiting to be pulled. Every state
 * change is one conditional UPDATE, so whoever changes a row wins and losing is normal.
 */
public final class AgentWorkStore {
    private static final String COLUMNS = "id, execution_id, job_id, agent_id, pool, mode, target_json, task_type,"
            + " status, attempt, lease_token, lease_until_ms, created_at_ms, claimed_at_ms, closed_as, result_digest";

    /** What a pushed row is inserted with: everything but the closing columns. */
    private static final String PUSHED_COLUMNS = "id, execution_id, job_id, agent_id, pool, mode, target_json,"
            + " task_type, status, attempt, lease_token, lease_until_ms, created_at_ms, claimed_at_ms";

    private final Database db;

    public AgentWorkStore(Database db) {
        this.db = db;
    }

    /**
     * One row. {@code attempt} counts claims (pushes count as one).
     *
     * @param agentId the agent holding or assigned the row; null while it waits in its pool, and for a function
     * @param pool the tag of a {@code tagged} target, {@code any} for an {@code any} target, else null
     * @param target the job's target as it was when the run was handed over
     * @param closedAs why a done row was closed ({@code result}, {@code cancelled}, {@code failed});
     *     null while it is open, and for rows closed before the reason was kept
     * @param resultDigest the digest of the result that closed it (see {@link #completeFenced})
     */
    public record Work(
            String id,
            String executionId,
            String jobId,
            String agentId,
            String pool,
            String mode,
            JsonNode target,
            String taskType,
            String status,
            int attempt,
            String leaseToken,
            Long leaseUntilMs,
            long createdAtMs,
            Long claimedAtMs,
            String closedAs,
            String resultDigest) {
        /** Handed over by the controller (to a push agent or a function); only a pool push whose agent went offline is requeued. */
        public boolean pushed() {
            return !"pull".equals(mode);
        }

        public boolean function() {
            return "function".equals(mode);
        }
    }

    /**
     * What a new row is: which run, for which agent (null: whoever of the pool claims it first),
     * under which target; {@code pool} as in {@link Work}.
     */
    public record NewWork(
            String id,
            String executionId,
            String jobId,
            String agentId,
            String pool,
            JsonNode target,
            String taskType) {}

    /** A row waiting for a pull agent, or for any pull agent of its pool when {@code agentId} is null. */
    public void enqueue(Connection c, NewWork w, long nowMs) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO agent_work (id, execution_id, job_id, agent_id, pool, mode, target_json, task_type,"
                        + " status, attempt, created_at_ms, queued_at_ms) VALUES (?,?,?,?,?,'pull',?,?,'pending',0,?,?)",
                w.id(),
                w.executionId(),
                w.jobId(),
                w.agentId(),
                w.pool(),
                Json.write(w.target()),
                w.taskType(),
                nowMs,
                nowMs);
    }

    /** A row already handed to a push agent (mode {@code push}) or a function under {@code leaseToken}. */
    public void pushed(Connection c, NewWork w, String mode, Lease lease, long nowMs) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO agent_work (" + PUSHED_COLUMNS
                        + ", queued_at_ms) VALUES (?,?,?,?,?,?,?,?,'claimed',1,?,?,?,?,?)",
                w.id(),
                w.executionId(),
                w.jobId(),
                w.agentId(),
                w.pool(),
                mode,
                Json.write(w.target()),
                w.taskType(),
                lease.token(),
                lease.untilMs(),
                nowMs,
                nowMs,
                nowMs);
    }

    /** A fencing token and when it lapses without renewal. */
    public record Lease(String token, long untilMs) {}

    /**
     * Who is claiming: the agent, the pools it serves (its tags and {@code any}) and the task
     * types it takes. It gets its own rows and unassigned rows of those pools and types.
     */
    public record Claimant(String agentId, List<String> pools, List<String> taskTypes) {
        /**
         * A standard (push) agent taking pool work: it runs every built-in type but never
         * {@code custom} (docs/reference/targets.md), and it holds no rows of its own that wait to be pulled.
         */
        public static Claimant pushAgent(String agentId, List<String> pools) {
            return new Claimant(agentId, pools, null);
        }

        public boolean pushes() {
            return taskTypes == null;
        }
    }

    /**
     * Claims the oldest pending row the claimant may take in one statement: two pollers racing for
     * it cannot both win, because the second UPDATE no longer finds it pending. A pool row becomes
     * the claimant's.
     */
    public Optional<Work> claimNext(Connection c, Claimant who, Lease lease, long nowMs) throws SQLException {
        List<Object> args = new ArrayList<>(
                List.of(who.pushes() ? "push" : "pull", who.agentId(), lease.token(), lease.untilMs(), nowMs));
        String which = claimable(who, args);
        return Sql.one(
                c,
                "UPDATE agent_work SET status='claimed', mode=?, agent_id=?, attempt=attempt+1,"
                        + " lease_token=?, lease_until_ms=?, claimed_at_ms=? WHERE id=(SELECT id FROM agent_work"
                        + " WHERE " + which + " ORDER BY created_at_ms, id LIMIT 1) AND status='pending'"
                        + " RETURNING " + COLUMNS,
                AgentWorkStore::map,
                args.toArray());
    }

    /**
     * Whether a row waits that the claimant may take: a read on a pooled connection, so an idle
     * poll does not queue on the single writer. A row committed just after it is not missed by a
     * poller that read its wakeup generation first (the enqueue wakes it after committing).
     */
    public boolean anyClaimable(Claimant who) {
        List<Object> args = new ArrayList<>();
        String which = claimable(who, args);
        return db.read(c -> Sql.count(
                        c,
                        "SELECT count(*) FROM (SELECT 1 FROM agent_work WHERE " + which + " LIMIT 1)",
                        args.toArray())
                > 0);
    }

    /** The condition on pending rows the claimant may take; appends its parameters to {@code args}. */
    private static String claimable(Claimant who, List<Object> args) {
        String pools = marks(who.pools().size());
        if (who.pushes()) {
            args.addAll(who.pools());
            return "status='pending' AND agent_id IS NULL AND pool IN " + pools + " AND task_type<>'custom'";
        }
        args.add(who.agentId());
        args.addAll(who.pools());
        args.addAll(who.taskTypes());
        return "status='pending' AND (agent_id=? OR (agent_id IS NULL AND pool IN " + pools + " AND task_type IN "
                + marks(who.taskTypes().size()) + "))";
    }

    private static String marks(int n) {
        return n == 0 ? "(NULL)" : "(" + String.join(",", Collections.nCopies(n, "?")) + ")";
    }

    public Optional<Work> findByExecution(Connection c, String executionId) throws SQLException {
        return Sql.one(
                c, "SELECT " + COLUMNS + " FROM agent_work WHERE execution_id=?", AgentWorkStore::map, executionId);
    }

    public Optional<Work> findByExecution(String executionId) {
        return db.read(c -> findByExecution(c, executionId));
    }

    /**
     * Closes the row with a result if it is still claimed under {@code leaseToken}: the fence a
     * result must pass. {@code digest} identifies the result, so the same one posted again can be
     * told from a different one.
     */
    public boolean completeFenced(Connection c, String executionId, String leaseToken, String digest)
            throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='done', lease_until_ms=NULL, closed_as='result',"
                                + " result_digest=? WHERE execution_id=? AND status='claimed' AND lease_token=?",
                        digest,
                        executionId,
                        leaseToken)
                == 1;
    }

    /** Closes the row whatever its state (dispatch failure, run gone) as failed; false when it was already done. */
    public boolean close(Connection c, String executionId) throws SQLException {
        return closeAs(c, executionId, "failed");
    }

    /**
     * Closes the row whatever its state because its run was cancelled; false when it was already
     * done. The lease token stays, so a result its holder posts afterwards can still be told
     * from one of an older holder.
     */
    public boolean withdraw(Connection c, String executionId) throws SQLException {
        return closeAs(c, executionId, "cancelled");
    }

    private static boolean closeAs(Connection c, String executionId, String closedAs) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='done', lease_until_ms=NULL, closed_as=? WHERE execution_id=?"
                                + " AND status<>'done'",
                        closedAs,
                        executionId)
                == 1;
    }

    /** Closes a row that is still waiting for its first claim; false when a poller claimed it first. */
    public boolean closePending(Connection c, String executionId) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='done', closed_as='failed' WHERE execution_id=? AND status='pending'",
                        executionId)
                == 1;
    }

    /** Extends the leases the agent holds on these executions; returns how many it still held. */
    public int renew(Connection c, String agentId, List<String> executionIds, long leaseUntilMs) throws SQLException {
        int renewed = 0;
        for (String id : executionIds) {
            renewed += Sql.update(
                    c,
                    "UPDATE agent_work SET lease_until_ms=? WHERE execution_id=? AND agent_id=?"
                            + " AND status='claimed'",
                    leaseUntilMs,
                    id,
                    agentId);
        }
        return renewed;
    }

    /** Claimed rows whose lease ran out before {@code nowMs}. */
    public List<Work> expiredLeases(Connection c, long nowMs) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM agent_work WHERE status='claimed' AND lease_until_ms < ?",
                AgentWorkStore::map,
                nowMs);
    }

    /**
     * Puts an expired pull claim back in line, for {@code agentId}, under a void token; false when
     * someone else moved it first.
     */
    public boolean requeue(Connection c, String executionId, String expiredToken, String agentId, long nowMs)
            throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='pending', lease_token=NULL, lease_until_ms=NULL,"
                                + " agent_id=?, queued_at_ms=? WHERE execution_id=? AND status='claimed' AND lease_token=?",
                        agentId,
                        nowMs,
                        executionId,
                        expiredToken)
                == 1;
    }

    /**
     * Pool runs pushed to a standard agent that is offline now, on their first hand-over (attempt 1):
     * the ones the sweep moves on to another agent of the pool, once.
     */
    public List<Work> firstPushesToOfflineAgents(Connection c) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM agent_work WHERE status='claimed' AND mode='push' AND pool IS NOT NULL"
                        + " AND attempt=1 AND agent_id IN (SELECT id FROM agents WHERE status='offline')",
                AgentWorkStore::map);
    }

    /**
     * Puts a push back in its pool, unassigned, under a void token (so its first holder's result is
     * refused), for whichever agent of the pool claims it next; its claim timeout counts from now.
     * False when a result, a cancel or another sweep moved the row first.
     */
    public boolean returnToPool(Connection c, String executionId, String heldToken, long nowMs) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='pending', mode='pull', agent_id=NULL, lease_token=NULL,"
                                + " lease_until_ms=NULL, queued_at_ms=? WHERE execution_id=? AND status='claimed'"
                                + " AND mode='push' AND lease_token=?",
                        nowMs,
                        executionId,
                        heldToken)
                == 1;
    }

    /** Closes an expired claim for good; false when someone else moved it first. */
    public boolean expire(Connection c, String executionId, String expiredToken) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE agent_work SET status='done', lease_until_ms=NULL, closed_as='failed'"
                                + " WHERE execution_id=? AND status='claimed' AND lease_token=?",
                        executionId,
                        expiredToken)
                == 1;
    }

    /** Pending rows nobody claimed since they were queued before {@code cutoffMs}. */
    public List<Work> unclaimedSince(Connection c, long cutoffMs) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM agent_work WHERE status='pending' AND queued_at_ms < ?",
                AgentWorkStore::map,
                cutoffMs);
    }

    /** Pending rows per pool, assigned to an agent of it or not (what an autoscaler watches). */
    public Map<String, Long> pendingByPool() {
        return db.read(c -> {
            Map<String, Long> out = new TreeMap<>();
            for (Map.Entry<String, Long> e : Sql.list(
                    c,
                    "SELECT pool, count(*) AS n FROM agent_work"
                            + " WHERE status='pending' AND pool IS NOT NULL GROUP BY pool",
                    rs -> Map.entry(rs.getString("pool"), rs.getLong("n")))) {
                out.put(e.getKey(), e.getValue());
            }
            return out;
        });
    }

    /** Pending rows of one agent (queue depth). */
    public long pendingFor(String agentId) {
        return db.read(
                c -> Sql.count(c, "SELECT count(*) FROM agent_work WHERE agent_id=? AND status='pending'", agentId));
    }

    /** Records which agent an execution went to (the execution's {@code agent_id}). */
    public void assign(Connection c, String executionId, String agentId) throws SQLException {
        Sql.update(c, "UPDATE executions SET agent_id=? WHERE id=?", agentId, executionId);
    }

    /**
     * Says on a still-pending execution why it waits (its {@code stderr}, as upstream's reasons are
     * carried), or clears that note ({@code note} empty) when an agent takes it.
     */
    public void note(Connection c, String executionId, String note) throws SQLException {
        Sql.update(
                c, "UPDATE executions SET stderr=? WHERE id=? AND status IN ('pending','running')", note, executionId);
    }

    private static Work map(ResultSet rs) throws SQLException {
        return new Work(
                rs.getString("id"),
                rs.getString("execution_id"),
                rs.getString("job_id"),
                rs.getString("agent_id"),
                rs.getString("pool"),
                rs.getString("mode"),
                Json.read(rs.getString("target_json")),
                rs.getString("task_type"),
                rs.getString("status"),
                rs.getInt("attempt"),
                rs.getString("lease_token"),
                Sql.nullableLong(rs, "lease_until_ms"),
                rs.getLong("created_at_ms"),
                Sql.nullableLong(rs, "claimed_at_ms"),
                rs.getString("closed_as"),
                rs.getString("result_digest"));
    }
}
