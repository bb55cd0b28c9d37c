-- Job templates (docs/reference/rest.md#templates): a partial job definition under a name, as upstream's
-- job_templates table, with the creation time in epoch milliseconds like every other table here.
CREATE TABLE job_templates (
    name            TEXT PRIMARY KEY,
    description     TEXT,
    snapshot_json   TEXT NOT NULL,
    created_by      TEXT,
    created_at_ms   INTEGER NOT NULL
);

-- Upstream's eight templates, created by 'system' at upstream's own date (2026-04-03T00:00:00Z). Upstream seeds
-- the HTTP ones with "method":"GET", which its own task parser refuses; here they say "get", the wire spelling,
-- so a job made from them is valid for upstream's parser as well as ours.
INSERT INTO job_templates (name, description, snapshot_json, created_by, created_at_ms) VALUES
('HTTP Health Check', 'Monitor a URL endpoint every 5 minutes with failure alerts',
 '{"task":{"type":"http","method":"get","url":"https://example.com/health","expect_status":200},"notifications":{"on_failure":true,"on_success":false,"on_assertion_failure":false},"group":"Monitoring","retry_max":2,"retry_delay_secs":10,"retry_backoff":2.0}',
 'system', 1775174400000),
('Shell Cron Task', 'Run a shell command on a cron schedule',
 '{"task":{"type":"shell","command":"echo \"Hello from Kronforce\""},"group":"Default"}',
 'system', 1775174400000),
('ETL Extract', 'Extract data with output capture and variable write-back',
 '{"task":{"type":"shell","command":"python3 extract.py"},"group":"ETL","output_rules":{"extractions":[{"name":"record_count","pattern":"Extracted (\\d+) records","type":"regex","write_to_variable":"LAST_EXTRACT_COUNT","target":"variable"}],"assertions":[{"pattern":"complete","message":"Extract did not complete successfully"}],"triggers":[]},"notifications":{"on_failure":true,"on_success":false,"on_assertion_failure":true}}',
 'system', 1775174400000),
('Deploy with Approval', 'Production deployment requiring approval before execution',
 '{"task":{"type":"shell","command":"./deploy.sh production"},"group":"Deploys","approval_required":true,"retry_max":1,"retry_delay_secs":30,"retry_backoff":1.0,"notifications":{"on_failure":true,"on_success":true,"on_assertion_failure":false},"sla_deadline":"06:00","sla_warning_mins":15}',
 'system', 1775174400000),
('Database Backup', 'Nightly database backup with failure notifications',
 '{"task":{"type":"shell","command":"pg_dump -U postgres mydb | gzip > /backup/db-$(date +%Y%m%d).sql.gz"},"group":"Maintenance","notifications":{"on_failure":true,"on_success":false,"on_assertion_failure":false},"timeout_secs":3600}',
 'system', 1775174400000),
('API Latency Test', 'HTTP request with response time extraction',
 '{"task":{"type":"http","method":"get","url":"https://api.example.com/ping"},"group":"Monitoring","output_rules":{"extractions":[],"assertions":[],"triggers":[{"pattern":"timeout|error","severity":"error"}]}}',
 'system', 1775174400000),
('Event Reactor', 'React to job failures with a cleanup or notification script',
 '{"task":{"type":"shell","command":"echo \"Handling failure for job: $1\""},"group":"Default","notifications":{"on_failure":true,"on_success":false,"on_assertion_failure":false}}',
 'system', 1775174400000),
('File Transfer (SFTP)', 'Upload a file to a remote server via SFTP',
 '{"task":{"type":"ftp","protocol":"sftp","host":"sftp.example.com","port":22,"remote_path":"/uploads/data.csv","local_path":"/data/export.csv","direction":"upload","username":"deploy"},"group":"Default","retry_max":2,"retry_delay_secs":15,"retry_backoff":2.0}',
 'system', 1775174400000);
