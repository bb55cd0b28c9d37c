/**
 * Reads an upstream (Rust) Kronforce database file, read-only, into typed rows for the migration
 * ({@code io.kronforce.controller.migration}); docs/MIGRATING.md lists what is read. Columns an
 * older upstream lacks read as null, tables it lacks as empty.
 */
package io.kronforce.controller.store.upstream;
