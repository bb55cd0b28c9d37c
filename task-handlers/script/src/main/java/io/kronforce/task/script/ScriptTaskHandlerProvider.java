package io.kronforce.task.script;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code script} task type. */
public final class ScriptTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new ScriptTaskHandler(settings);
    }
}
