/**
 * The SQLite store: one writer thread with group commit, a bounded read pool, migrations, and
 * one store class per aggregate.
 *
 * <p>The only package that imports {@code java.sql}. Callers see domain records and store
 * exceptions; SQLite codes are translated here (constraint → conflict, busy → unavailable).
 */
package io.kronforce.controller.store;
