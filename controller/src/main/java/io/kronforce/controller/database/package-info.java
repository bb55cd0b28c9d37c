/**
 * The SQLite file: one writer thread with group commit, a bounded read pool, versioned
 * migrations, WAL checkpoints beside the writer, and the small JDBC helpers the stores share.
 * With {@code store}, the only code that runs SQL; use cases hold a {@code java.sql.Connection}
 * only as the handle of the writer's transaction they compose (docs/decisions/0006).
 */
package io.kronforce.controller.database;
