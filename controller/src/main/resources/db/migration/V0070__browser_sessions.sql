-- Browser sessions for the dashboard: a key is posted once, the browser keeps an HttpOnly cookie.
-- Only the SHA-256 of the cookie value is stored, so a copy of the database opens no session.
-- A session carries its key's id, role and expiry; the key must still be active when it is used.
CREATE TABLE browser_sessions (
    token_hash      TEXT PRIMARY KEY,
    key_id          TEXT NOT NULL,
    role            TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    last_seen_ms    INTEGER NOT NULL,
    expires_at_ms   INTEGER NOT NULL
);
CREATE INDEX browser_sessions_key ON browser_sessions(key_id);
CREATE INDEX browser_sessions_expiry ON browser_sessions(expires_at_ms);
