/**
 * One store class per aggregate (jobs, executions, agents and their work, events, audit, keys,
 * variables, connections, scripts, settings, outbox, retries, triggers, groups): the SQL of that
 * table, run on the connection of the caller's transaction or the read pool. Callers see domain
 * records; SQLite codes are translated into the store exceptions of the domain.
 */
package io.kronforce.controller.store;
