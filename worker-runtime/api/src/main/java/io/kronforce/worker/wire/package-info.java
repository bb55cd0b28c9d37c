/**
 * The wire records between the controller and its workers (push agents, queue pollers), shaped
 * exactly as upstream Kronforce sends them so its agents and custom-agent scripts keep working.
 * Records here are inert data: they never reuse the controller's database or domain types, so a
 * schema change cannot silently change the protocol. Fields we add beyond upstream's are optional
 * and omitted when empty; upstream ignores unknown fields, and so do we.
 *
 * <p>Depends on Jackson annotations only.
 */
package io.kronforce.worker.wire;
