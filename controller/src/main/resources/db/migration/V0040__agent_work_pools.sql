-- Pools and function targets: agent_work rows no longer need an agent.
-- A run targeted at a tag (or "any") that no online worker can take waits in its pool
-- (agent_id NULL, pool = the tag or 'any') until a pull worker of that pool claims it; queue
-- depth per pool is what an autoscaler reads. A run targeted at an HTTP function has no agent
-- at all (mode 'function'). queued_at_ms is when the row last entered the queue (a requeue
-- resets it), so the claim timeout is measured from there, while created_at_ms keeps the order.
-- SQLite cannot drop NOT NULL in place: the table is rebuilt; nothing references it.
CREATE TABLE agent_work_v2 (
    id                  TEXT PRIMARY KEY,
    execution_id        TEXT NOT NULL UNIQUE REFERENCES executions(id) ON DELETE CASCADE,
    job_id              TEXT NOT NULL,
    agent_id            TEXT,
    pool                TEXT,
    mode                TEXT NOT NULL CHECK (mode IN ('push', 'pull', 'function')),
    target_json         TEXT NOT NULL,
    task_type           TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'done')),
    attempt             INTEGER NOT NULL DEFAULT 0,
    lease_token         TEXT,
    lease_until_ms      INTEGER,
    created_at_ms       INTEGER NOT NULL,
    claimed_at_ms       INTEGER,
    queued_at_ms        INTEGER NOT NULL
);
INSERT INTO agent_work_v2 (id, execution_id, job_id, agent_id, pool, mode, target_json, task_type, status, attempt,
                           lease_token, lease_until_ms, created_at_ms, claimed_at_ms, queued_at_ms)
SELECT id, execution_id, job_id, agent_id,
       CASE json_extract(target_json, '$.type') WHEN 'tagged' THEN json_extract(target_json, '$.tag')
                                                WHEN 'any' THEN 'any' END,
       mode, target_json, task_type, status, attempt, lease_token, lease_until_ms, created_at_ms, claimed_at_ms,
       created_at_ms
FROM agent_work;
DROP TABLE agent_work;
ALTER TABLE agent_work_v2 RENAME TO agent_work;
CREATE INDEX agent_work_pending ON agent_work (agent_id, status, created_at_ms);
CREATE INDEX agent_work_pools ON agent_work (pool, status, created_at_ms) WHERE agent_id IS NULL;
CREATE INDEX agent_work_leases ON agent_work (status, lease_until_ms);
