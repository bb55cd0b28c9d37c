package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * The {@code agent_work} table: remote executions, pushed or waiting to be pulled. Every state
 * change is one conditional UPDATE, so whoever changes a row wins and losing is normal.
 */
public final class AgentWorkStore {
    private static final String COLUMNS = "id, execution_id, job_id, agent_id, mode, target_json, task_type, status,"
            + " attempt, lease_token, lease_until_ms, created_at_ms, claimed_at_ms";

    private final Database db;

    public AgentWorkStore(Database db) {
        this.db = db;
    }

    /**
     * One row. {@code attempt} counts claims (pushes count as one).
     *
     * @param target the job's target as it was when the run was handed over
     */
    public record Work(String id, String executionId, String jobId, String agentId, String mode, JsonNode target,
                       String taskType, String status, int attempt, String leaseToken, Long leaseUntilMs,
                       long createdAtMs, Long claimedAtMs) {
        public boolean pushed() {
            return "push".equals(mode);
        }
    }

    /** What a new row is: which run, for which agent, under which target. */
    public record NewWork(String id, String executionId, String jobId, String agentId, JsonNode target,
                          String taskType) {}

    /** A row waiting for a pull agent. */
    public void enqueue(Connection c, NewWork w, long nowMs) throws SQLException {
        Sql.update(c, "INSERT INTO agent_work (id, execution_id, job_id, agent_id, mode, target_json, task_type,"
                        + " status, attempt, created_at_ms) VALUES (?,?,?,?,'pull',?,?,'pending',0,?)", w.id(),
                w.executionId(), w.jobId(), w.agentId(), Json.write(w.target()), w.taskType(), nowMs);
    }

    /** A row already handed to a push agent under {@code leaseToken}. */
    public void pushed(Connection c, NewWork w, String leaseToken, long leaseUntilMs, long nowMs) throws SQLException {
        Sql.update(c, "INSERT INTO agent_work (" + COLUMNS + ") VALUES (?,?,?,?,'push',?,?,'claimed',1,?,?,?,?)",
                w.id(), w.executionId(), w.jobId(), w.agentId(), Json.write(w.target()), w.taskType(), leaseToken,
                leaseUntilMs, nowMs, nowMs);
    }

    /**
     * Claims the agent's oldest pending row in one statement: two pollers racing for it cannot
     * both win, because the second UPDATE no longer finds it pending.
     */
    public Optional<Work> claimNext(Connection c, String agentId, String leaseToken, long leaseUntilMs, long nowMs)
            throws SQLException {
        return Sql.one(c, "UPDATE agent_work SET status='claimed', attempt=attempt+1, lease_token=?, lease_until_ms=?,"
                        + " claimed_at_ms=? WHERE id=(SELECT id FROM agent_work WHERE agent_id=? AND status='pending'"
                        + " ORDER BY created_at_ms, id LIMIT 1) AND status='pending' RETURNING " + COLUMNS,
                AgentWorkStore::map, leaseToken, leaseUntilMs, nowMs, agentId);
    }

    public Optional<Work> findByExecution(Connection c, String executionId) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM agent_work WHERE execution_id=?", AgentWorkStore::map,
                executionId);
    }

    public Optional<Work> findByExecution(String executionId) {
        return db.read(c -> findByExecution(c, executionId));
    }

    /** Closes the row if it is still claimed under {@code leaseToken}: the fence a result must pass. */
    public boolean completeFenced(Connection c, String executionId, String leaseToken) throws SQLException {
        return Sql.update(c, "UPDATE agent_work SET status='done', lease_until_ms=NULL WHERE execution_id=?"
                + " AND status='claimed' AND lease_token=?", executionId, leaseToken) == 1;
    }

    /** Closes the row whatever its state (cancel, dispatch failure); false when it was already done. */
    public boolean close(Connection c, String executionId) throws SQLException {
        return Sql.update(c, "UPDATE agent_work SET status='done', lease_until_ms=NULL WHERE execution_id=?"
                + " AND status<>'done'", executionId) == 1;
    }

    /** Closes a row that is still waiting for its first claim; false when a poller claimed it first. */
    public boolean closePending(Connection c, String executionId) throws SQLException {
        return Sql.update(c, "UPDATE agent_work SET status='done' WHERE execution_id=? AND status='pending'",
                executionId) == 1;
    }

    /** Extends the leases the agent holds on these executions; returns how many it still held. */
    public int renew(Connection c, String agentId, List<String> executionIds, long leaseUntilMs) throws SQLException {
        int renewed = 0;
        for (String id : executionIds) {
            renewed += Sql.update(c, "UPDATE agent_work SET lease_until_ms=? WHERE execution_id=? AND agent_id=?"
                    + " AND status='claimed'", leaseUntilMs, id, agentId);
        }
        return renewed;
    }

    /** Claimed rows whose lease ran out before {@code nowMs}. */
    public List<Work> expiredLeases(Connection c, long nowMs) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM agent_work WHERE status='claimed' AND lease_until_ms < ?",
                AgentWorkStore::map, nowMs);
    }

    /**
     * Puts an expired pull claim back in line, for {@code agentId}, under a void token; false when
     * someone else moved it first.
     */
    public boolean requeue(Connection c, String executionId, String expiredToken, String agentId) throws SQLException {
        return Sql.update(c, "UPDATE agent_work SET status='pending', lease_token=NULL, lease_until_ms=NULL,"
                + " agent_id=? WHERE execution_id=? AND status='claimed' AND lease_token=?", agentId, executionId,
                expiredToken) == 1;
    }

    /** Closes an expired claim for good; false when someone else moved it first. */
    public boolean expire(Connection c, String executionId, String expiredToken) throws SQLException {
        return Sql.update(c, "UPDATE agent_work SET status='done', lease_until_ms=NULL WHERE execution_id=?"
                + " AND status='claimed' AND lease_token=?", executionId, expiredToken) == 1;
    }

    /** Pending rows nobody claimed since before {@code cutoffMs}. */
    public List<Work> unclaimedSince(Connection c, long cutoffMs) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM agent_work WHERE status='pending' AND created_at_ms < ?",
                AgentWorkStore::map, cutoffMs);
    }

    /** Pending rows of one agent (queue depth). */
    public long pendingFor(String agentId) {
        return db.read(c -> Sql.count(c, "SELECT count(*) FROM agent_work WHERE agent_id=? AND status='pending'",
                agentId));
    }

    /** Records which agent an execution went to (the execution's {@code agent_id}). */
    public void assign(Connection c, String executionId, String agentId) throws SQLException {
        Sql.update(c, "UPDATE executions SET agent_id=? WHERE id=?", agentId, executionId);
    }

    private static Work map(ResultSet rs) throws SQLException {
        return new Work(rs.getString("id"), rs.getString("execution_id"), rs.getString("job_id"),
                rs.getString("agent_id"), rs.getString("mode"), Json.read(rs.getString("target_json")),
                rs.getString("task_type"), rs.getString("status"), rs.getInt("attempt"),
                rs.getString("lease_token"), Sql.nullableLong(rs, "lease_until_ms"), rs.getLong("created_at_ms"),
                Sql.nullableLong(rs, "claimed_at_ms"));
    }
}
