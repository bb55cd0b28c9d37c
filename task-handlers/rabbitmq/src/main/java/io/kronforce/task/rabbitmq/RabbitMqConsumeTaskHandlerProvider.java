package io.kronforce.task.rabbitmq;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code rabbitmq_consume} task type. */
public final class RabbitMqConsumeTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new RabbitMqConsumeTaskHandler(settings);
    }
}
