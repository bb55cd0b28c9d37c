-- Webhook tokens (docs/reference/rest.md#jobs): one per job, replaced by each POST /api/jobs/{id}/webhook.
-- Only the SHA-256 of a token is kept, so a copy of the database yields no usable webhook URL;
-- token_prefix (the first 8 of its 32 hex digits) lets people and triggered_by tell tokens apart.
-- Who set a token and when is in the audit log (webhook.created). This supersedes
-- jobs.webhook_token (V0001), which nothing reads or writes any more.
CREATE TABLE webhooks (
    job_id          TEXT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    token_hash      TEXT NOT NULL UNIQUE,
    token_prefix    TEXT NOT NULL
);
