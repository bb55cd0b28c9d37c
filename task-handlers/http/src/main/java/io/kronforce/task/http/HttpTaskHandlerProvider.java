package io.kronforce.task.http;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code http} task type. */
public final class HttpTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new HttpTaskHandler(settings);
    }
}
