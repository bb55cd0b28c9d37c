-- Retries that survive a restart, queued runs under max_concurrent, SLA events once per run.

-- One row per failed execution whose retry is planned; the row is the durable timer. It is
-- written in the transaction that records the failure and deleted in the one that records the
-- retry's execution, so a crash in between neither loses nor doubles the retry.
CREATE TABLE retry_queue (
    failed_execution_id TEXT PRIMARY KEY REFERENCES executions(id) ON DELETE CASCADE,
    job_id              TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    retry_of            TEXT NOT NULL,
    attempt             INTEGER NOT NULL,
    due_ms              INTEGER NOT NULL,
    params_json         TEXT
);
CREATE INDEX retry_queue_job ON retry_queue(job_id);

-- Runs waiting for a concurrency slot, oldest first per job.
CREATE INDEX executions_queued ON executions(job_id, created_at_ms) WHERE status = 'queued';

-- "Once per execution" for more kinds than execution.completed: SLA warnings and breaches too.
DROP INDEX events_completed_once;
CREATE UNIQUE INDEX events_once_per_execution ON events(execution_id, kind)
    WHERE kind IN ('execution.completed', 'sla.warning', 'sla.breach');

-- The few jobs with an SLA, found without reading every job's JSON.
CREATE INDEX jobs_with_sla ON jobs(id) WHERE json_extract(spec_json, '$.sla_deadline') IS NOT NULL;
