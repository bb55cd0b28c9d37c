/**
 * The task-handler SPI: what a task type must implement to run inside a worker.
 *
 * <p>JDK only. Handlers never touch the database, never retry, and report a failed command as
 * data ({@link io.kronforce.task.TaskOutcome.Failed}), not as an exception. Cancellation and
 * timeouts arrive as thread interrupts.
 */
package io.kronforce.task;
