-- Initial schema. Never edit a migration once it has landed: add a new file instead.
-- Time columns end in _ms and hold UTC epoch milliseconds.

CREATE TABLE jobs (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    group_name      TEXT NOT NULL DEFAULT 'Default',
    status          TEXT NOT NULL DEFAULT 'scheduled',
    spec_json       TEXT NOT NULL,
    created_by      TEXT,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    next_fire_ms    INTEGER,
    webhook_token   TEXT UNIQUE
);
CREATE INDEX jobs_group ON jobs(group_name);
CREATE INDEX jobs_next_fire ON jobs(next_fire_ms) WHERE next_fire_ms IS NOT NULL;

CREATE TABLE job_versions (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id              TEXT NOT NULL,
    version             INTEGER NOT NULL,
    snapshot_json       TEXT NOT NULL,
    changed_by_key_id   TEXT,
    changed_by_name     TEXT,
    created_at_ms       INTEGER NOT NULL,
    UNIQUE (job_id, version)
);

CREATE TABLE executions (
    id                  TEXT PRIMARY KEY,
    job_id              TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    agent_id            TEXT,
    task_snapshot_json  TEXT NOT NULL,
    status              TEXT NOT NULL,
    exit_code           INTEGER,
    stdout              TEXT NOT NULL DEFAULT '',
    stderr              TEXT NOT NULL DEFAULT '',
    stdout_truncated    INTEGER NOT NULL DEFAULT 0,
    stderr_truncated    INTEGER NOT NULL DEFAULT 0,
    started_at_ms       INTEGER,
    finished_at_ms      INTEGER,
    triggered_by_json   TEXT NOT NULL,
    extracted_json      TEXT,
    created_at_ms       INTEGER NOT NULL,
    retry_of            TEXT,
    attempt_number      INTEGER NOT NULL DEFAULT 1,
    params_json         TEXT,
    scheduled_for_ms    INTEGER
);
-- A scheduled slot fires once, however many ticks or controllers see it; manual runs have no slot.
CREATE UNIQUE INDEX executions_slot ON executions(job_id, scheduled_for_ms) WHERE scheduled_for_ms IS NOT NULL;
CREATE INDEX executions_job_created ON executions(job_id, created_at_ms DESC);
CREATE INDEX executions_created ON executions(created_at_ms DESC);
-- Only unfinished rows are looked up by state (recovery, queues); terminal rows stay out of the index.
CREATE INDEX executions_active ON executions(status) WHERE status IN ('pending', 'running', 'pending_approval');
CREATE INDEX executions_finished ON executions(finished_at_ms) WHERE finished_at_ms IS NOT NULL;

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    severity        TEXT NOT NULL DEFAULT 'info',
    message         TEXT NOT NULL,
    job_id          TEXT,
    agent_id        TEXT,
    api_key_id      TEXT,
    api_key_name    TEXT,
    execution_id    TEXT,
    details         TEXT,
    timestamp_ms    INTEGER NOT NULL
);
CREATE INDEX events_timestamp ON events(timestamp_ms DESC);
-- execution.completed is emitted exactly once per execution, however many paths report it.
CREATE UNIQUE INDEX events_completed_once ON events(execution_id) WHERE kind = 'execution.completed';

CREATE TABLE api_keys (
    id                  TEXT PRIMARY KEY,
    key_prefix          TEXT NOT NULL,
    key_hash            TEXT NOT NULL UNIQUE,
    name                TEXT NOT NULL,
    role                TEXT NOT NULL,
    created_at_ms       INTEGER NOT NULL,
    last_used_at_ms     INTEGER,
    active              INTEGER NOT NULL DEFAULT 1,
    allowed_groups_json TEXT,
    ip_allowlist_json   TEXT,
    expires_at_ms       INTEGER
);

CREATE TABLE settings (
    key     TEXT PRIMARY KEY,
    value   TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('retention_days', '7');

CREATE TABLE variables (
    name            TEXT PRIMARY KEY,
    value           TEXT NOT NULL,
    secret          INTEGER NOT NULL DEFAULT 0,
    updated_at_ms   INTEGER NOT NULL,
    expires_at_ms   INTEGER
);

CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    timestamp_ms    INTEGER NOT NULL,
    actor_key_id    TEXT,
    actor_key_name  TEXT,
    operation       TEXT NOT NULL,
    resource_type   TEXT NOT NULL,
    resource_id     TEXT,
    details         TEXT
);
CREATE INDEX audit_timestamp ON audit_log(timestamp_ms DESC);
CREATE INDEX audit_operation ON audit_log(operation);
-- Append-only: rows may age out through retention, but never change.
CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
