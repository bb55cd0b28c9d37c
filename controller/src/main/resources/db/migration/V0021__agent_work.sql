-- Work handed to agents (docs/reference/targets.md, docs/reference/agent-protocol.md#pull-the-queue): one row per
-- remote execution, pushed or queued. A pull agent claims a 'pending' row with one conditional UPDATE; the claim holds
-- a lease (lease_until_ms) renewed by heartbeats, and a fencing token (lease_token) that the result
-- callback must present: a result from a lost lease no longer matches and is refused.
-- A requeued item may move to another agent the job's target allows (target_json, task_type),
-- so a pool keeps working when one of its workers dies.
-- The task itself is not stored here: it is resolved again from the execution's snapshot when
-- handed out, so resolved secrets never rest in the database.
CREATE TABLE agent_work (
    id                  TEXT PRIMARY KEY,
    execution_id        TEXT NOT NULL UNIQUE REFERENCES executions(id) ON DELETE CASCADE,
    job_id              TEXT NOT NULL,
    agent_id            TEXT NOT NULL,
    mode                TEXT NOT NULL CHECK (mode IN ('push', 'pull')),
    target_json         TEXT NOT NULL,
    task_type           TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'done')),
    attempt             INTEGER NOT NULL DEFAULT 0,
    lease_token         TEXT,
    lease_until_ms      INTEGER,
    created_at_ms       INTEGER NOT NULL,
    claimed_at_ms       INTEGER
);
CREATE INDEX agent_work_pending ON agent_work (agent_id, status, created_at_ms);
CREATE INDEX agent_work_leases ON agent_work (status, lease_until_ms);
