-- TLS agents (docs/reference/security.md#tls, decision 0050): an agent that serves https says so when it
-- registers ("tls": true, our addition); the controller then dials it with https whatever its
-- port. Upstream's agents never send it and keep upstream's rule (https only on port 443).
ALTER TABLE agents ADD COLUMN tls INTEGER NOT NULL DEFAULT 0 CHECK (tls IN (0, 1));
