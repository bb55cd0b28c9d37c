package io.kronforce.task.file;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code file_push} task type. It makes no network calls, so it ignores the egress policy. */
public final class FilePushTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new FilePushTaskHandler();
    }
}
