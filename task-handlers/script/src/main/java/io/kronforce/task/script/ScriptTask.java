package io.kronforce.task.script;

/**
 * Configuration of a {@code script} task, bound from the job's task JSON.
 *
 * <p>Component names are the wire field names (snake_case) because the host binds JSON by them.
 *
 * @param script_name upstream's field: the name of a script stored through {@code /api/scripts};
 *     the controller copies its code into {@code script} before the run
 * @param script the JavaScript source itself (our extension; also where a stored script's code
 *     arrives); {@code null} when only a name is given and the controller has not filled it in yet
 * @param max_operations the operation limit for this task (our extension); {@code null} for the
 *     default of {@value ScriptLimits#DEFAULT_OPERATIONS}, never more than {@value ScriptLimits#MAX_OPERATIONS}
 */
public record ScriptTask(String script_name, String script, Long max_operations) {}
