/**
 * Runs one dispatch wherever tasks run (the controller's local runs, the push agent, the pull
 * worker, the Lambda handler): finds the task's handler through ServiceLoader
 * ({@link io.kronforce.worker.host.HandlerCatalog}, which also checks a task's config), binds the
 * task JSON into its config record, runs it on the caller's thread with a deadline and a stop
 * switch ({@link io.kronforce.worker.host.StopReason}), captures its output under a cap and hands
 * it live to a {@link io.kronforce.worker.host.RunObserver}. The result converts to a wire
 * {@code ResultReport}, ready to post back. Never touches a database and knows nothing of the
 * controller.
 */
package io.kronforce.worker.host;
