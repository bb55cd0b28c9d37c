/**
 * The {@code shell} task type: runs a command with {@code sh -c}, streams its output to the host
 * and kills the whole process tree on cancellation or timeout.
 */
package io.kronforce.task.shell;
