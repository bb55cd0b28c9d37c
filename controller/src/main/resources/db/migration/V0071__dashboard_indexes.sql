-- Indexes for the dashboard's list pages and overview at scale (10,000 jobs, 1,000,000 executions):
-- each first page reads a few index entries instead of scanning a table. bench/ measures it.

-- Runs filtered by status, newest first (GET /api/executions?status=…), and counts per status.
CREATE INDEX executions_status_created ON executions(status, created_at_ms DESC);
-- A job's run counts by status (each row of the jobs list shows them): read from the index alone.
CREATE INDEX executions_job_status ON executions(job_id, status);
-- Runs since a time (GET /api/executions?since=…), the timeline and its per-minute detail.
CREATE INDEX executions_started ON executions(started_at_ms);
-- Jobs filtered by group or status, in name order (GET /api/jobs?group=…, ?status=…).
CREATE INDEX jobs_group_name ON jobs(group_name, name);
DROP INDEX jobs_group;
CREATE INDEX jobs_status_name ON jobs(status, name);
-- Events filtered by severity or job, newest first (GET /api/events?severity=…, ?job_id=…).
CREATE INDEX events_severity_time ON events(severity, timestamp_ms DESC);
CREATE INDEX events_job_time ON events(job_id, timestamp_ms DESC) WHERE job_id IS NOT NULL;
