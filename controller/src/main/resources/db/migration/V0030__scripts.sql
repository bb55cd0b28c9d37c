-- Stored scripts (docs/reference/rest.md#variables-connections-scripts), in the database rather than upstream's
-- <SCRIPTS_DIR>/<name>.rhai files, so they are backed up, replicated and transactional with their audit rows.
CREATE TABLE scripts (
    name            TEXT PRIMARY KEY,
    script_type     TEXT NOT NULL CHECK (script_type IN ('rhai', 'dockerfile')),
    code            TEXT NOT NULL,
    size_bytes      INTEGER NOT NULL,
    created_at_ms   INTEGER NOT NULL,
    updated_at_ms   INTEGER NOT NULL
);
