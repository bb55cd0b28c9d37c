-- Named connections (docs/reference/variables-and-secrets.md#connections). The config blob is sealed whole (enc:…) when
-- an encryption key is set; duplicate names are a 409, not upstream's 500.
CREATE TABLE connections (
    name            TEXT PRIMARY KEY,
    conn_type       TEXT NOT NULL,
    description     TEXT,
    config_json     TEXT NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);
