package io.kronforce.task.shell;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code shell} task type. */
public final class ShellTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        // Local processes make no outbound calls of their own, so the egress policy does not apply.
        return new ShellTaskHandler(settings.taskEnvironment());
    }
}
