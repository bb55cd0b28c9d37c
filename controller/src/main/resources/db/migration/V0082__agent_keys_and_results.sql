-- Push agents across restarts and idempotent results (docs/reference/agent-protocol.md).
-- dispatch_key: the Bearer a push agent registered with, the key the controller presents when it
-- pushes work to it, sealed with KRONFORCE_ENCRYPTION_KEY (AES-256-GCM, "enc:" + Base64). It is
-- kept only when that key is set, never in clear: upstream's agent never registers again, so a
-- controller that forgot the key after a restart could not reach it until an operator stepped in.
ALTER TABLE agents ADD COLUMN dispatch_key TEXT CHECK (dispatch_key IS NULL OR dispatch_key LIKE 'enc:%');
-- dispatch_key_hash: SHA-256 hex of that Bearer, as api_keys keeps every key. Without an
-- encryption key it is all that is kept: after a restart, a key from the controller's environment
-- (the bootstrap agent key among them) is presented to the agent only when it is the very key the
-- agent registered with.
ALTER TABLE agents ADD COLUMN dispatch_key_hash TEXT;
-- closed_as: why a work row was closed ('result', 'cancelled', 'failed'; NULL while open or for
-- rows closed before this column existed). result_digest: SHA-256 of the result that closed it,
-- so the same result posted again (upstream's agent retries when an answer is lost) is answered
-- 200 and changes nothing, while a different one is refused.
ALTER TABLE agent_work ADD COLUMN closed_as TEXT CHECK (closed_as IS NULL OR closed_as IN ('result', 'cancelled', 'failed'));
ALTER TABLE agent_work ADD COLUMN result_digest TEXT;
