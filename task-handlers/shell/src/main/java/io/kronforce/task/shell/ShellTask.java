package io.kronforce.task.shell;

/**
 * Configuration of a {@code shell} task, bound from the job's task JSON.
 *
 * <p>Component names are the wire field names (snake_case) because the host binds JSON by them.
 *
 * @param command the script handed to {@code sh -c}
 * @param working_dir directory to {@code cd} into first; {@code null} or empty for the controller's own
 */
public record ShellTask(String command, String working_dir) {}
