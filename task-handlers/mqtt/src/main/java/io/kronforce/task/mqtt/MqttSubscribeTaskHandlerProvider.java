package io.kronforce.task.mqtt;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code mqtt_subscribe} task type. */
public final class MqttSubscribeTaskHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        return new MqttSubscribeTaskHandler(settings);
    }
}
