/**
 * Runs one dispatch on a worker: finds the task's handler through ServiceLoader, binds the task
 * JSON into its config record, runs it on the caller's thread with a deadline and a cancel
 * switch, and captures its output under a cap. The result is a wire {@code ResultReport}, ready
 * to post back. Used by the push agent and the queue worker; never touches a database.
 */
package io.kronforce.worker.host;
