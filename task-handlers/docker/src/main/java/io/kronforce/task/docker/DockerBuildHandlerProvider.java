package io.kronforce.task.docker;

import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;

/** ServiceLoader entry for the {@code docker_build} task type. */
public final class DockerBuildHandlerProvider implements TaskHandlerProvider {

    @Override
    public TaskHandler<?> create(HandlerSettings settings) {
        // The docker daemon pulls and builds on its own network; our egress policy cannot reach into it.
        return new DockerBuildHandler(settings.taskEnvironment());
    }
}
