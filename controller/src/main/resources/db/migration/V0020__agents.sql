-- Agents (docs/reference/rest.md#agents-and-the-agent-protocol, docs/reference/data-model.md,
-- docs/reference/agent-protocol.md): workers that registered with the controller, keyed by name so a re-registration
-- keeps the id. The dispatch key an agent registered with is kept in memory only (never stored): an agent the
-- controller has forgotten re-registers by itself.
CREATE TABLE agents (
    id                  TEXT PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    tags_json           TEXT NOT NULL DEFAULT '[]',
    hostname            TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    port                INTEGER NOT NULL DEFAULT 0,
    agent_type          TEXT NOT NULL CHECK (agent_type IN ('standard', 'custom')),
    status              TEXT NOT NULL CHECK (status IN ('online', 'offline', 'draining')),
    last_heartbeat_ms   INTEGER NOT NULL,
    registered_at_ms    INTEGER NOT NULL,
    task_types_json     TEXT NOT NULL DEFAULT '[]',
    system_info_json    TEXT
);
