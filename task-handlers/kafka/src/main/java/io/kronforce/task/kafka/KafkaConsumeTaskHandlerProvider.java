package io.kronforce.task.kafka;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code kafka_consume} task type. */
public final class KafkaConsumeTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new KafkaConsumeTaskHandler(settings);
    }
}
