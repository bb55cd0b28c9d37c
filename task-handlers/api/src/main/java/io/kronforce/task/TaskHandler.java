package io.kronforce.task;

import java.util.List;

/**
 * Runs one kind of task. Instances are stateless and shared across concurrent executions.
 *
 * @param <C> the configuration record the host binds the task JSON into
 */
public interface TaskHandler<C extends Record> {

    /** The wire id of the task type, exactly as upstream spells it ({@code "shell"}, {@code "http"}). */
    String type();

    /** The record the host binds the task's JSON object into (snake_case field names). */
    Class<C> configType();

    /**
     * Checks a bound configuration before a job is stored. Must not do I/O.
     *
     * @return the problems found; empty when the configuration is acceptable
     */
    default List<ConfigViolation> check(C config) {
        return List.of();
    }

    /**
     * Runs the task once. Output goes to {@link TaskContext#output()} as it is produced.
     *
     * @return the outcome; a failed command is {@link TaskOutcome.Failed}, never an exception
     * @throws InterruptedException when the host cancels the run or its deadline passes; the
     *     handler must stop its work (kill child processes, abort requests) before throwing
     */
    TaskOutcome run(C config, TaskContext ctx) throws InterruptedException;
}
