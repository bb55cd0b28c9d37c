/**
 * Replication of the SQLite file to S3 by a supervised Litestream child process: the bucket
 * check and restore before the first connection opens, the child's lifecycle and log, its state
 * for health and metrics, and snapshots uploaded beside the replica (docs/REPLICATION.md).
 *
 * <p>Credentials reach the child through its environment only; nothing here writes them to disk
 * or to the log.
 */
package io.kronforce.controller.replication;
