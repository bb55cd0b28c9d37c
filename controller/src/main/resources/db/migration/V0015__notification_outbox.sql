-- Notifications waiting for, or done with, delivery. One row per destination and
-- recipient of one cause, so a retry re-sends to nobody who already has the message.
-- The destination is named, not copied: its settings (and their secrets) stay in `settings`.
CREATE TABLE notification_outbox (
    id                TEXT PRIMARY KEY,
    source_key        TEXT NOT NULL,          -- what caused it: the event id, or test:<uuid>
    destination       TEXT NOT NULL,          -- destination name in the notification settings
    channel_type      TEXT NOT NULL,          -- slack, email, twilio…
    recipient         TEXT NOT NULL DEFAULT '',
    job_id            TEXT,
    execution_id      TEXT,
    notification_json TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts          INTEGER NOT NULL DEFAULT 0,
    next_attempt_ms   INTEGER NOT NULL,
    last_error        TEXT,
    created_at_ms     INTEGER NOT NULL,
    updated_at_ms     INTEGER NOT NULL,
    -- Dedup: hearing about the same event twice (a replay, a restart) adds no second message.
    UNIQUE (source_key, destination, recipient)
);
CREATE INDEX notification_outbox_due ON notification_outbox(next_attempt_ms) WHERE status = 'pending';
CREATE INDEX notification_outbox_finished ON notification_outbox(updated_at_ms) WHERE status <> 'pending';
