-- Single sign-on (OpenID Connect). A signed-in person holds the same kf_session cookie as a
-- key-backed dashboard session; only the SHA-256 of the cookie value is stored. The person is
-- named by the provider's subject; the role was mapped from the ID token's claims at sign-in.
CREATE TABLE sso_sessions (
    token_hash      TEXT PRIMARY KEY,
    subject         TEXT NOT NULL,
    email           TEXT NOT NULL,
    name            TEXT NOT NULL,
    role            TEXT NOT NULL,
    claims_json     TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    last_seen_ms    INTEGER NOT NULL,
    expires_at_ms   INTEGER NOT NULL
);
CREATE INDEX sso_sessions_expiry ON sso_sessions(expires_at_ms);

-- A sign-in under way: the state sent to the provider, the nonce its ID token must carry and the
-- PKCE verifier the token request proves. Used once (deleted when the provider sends the browser
-- back), valid five minutes.
CREATE TABLE sso_login_states (
    state           TEXT PRIMARY KEY,
    nonce           TEXT NOT NULL,
    code_verifier   TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL
);
