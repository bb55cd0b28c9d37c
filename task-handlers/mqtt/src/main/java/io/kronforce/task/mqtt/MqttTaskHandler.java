package io.kronforce.task.mqtt;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs an {@code mqtt} task: connects with a clean session, publishes one message and disconnects.
 * With QoS 1 or 2 the run ends only once the broker acknowledged the message.
 */
public final class MqttTaskHandler implements TaskHandler<MqttTask> {

    private final EgressPolicy egress;

    public MqttTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "mqtt";
    }

    @Override
    public Class<MqttTask> configType() {
        return MqttTask.class;
    }

    @Override
    public List<ConfigViolation> check(MqttTask task) {
        List<ConfigViolation> problems =
                new ArrayList<>(MqttTarget.check(task.broker(), task.port(), task.qos(), task.connection()));
        if (task.topic() == null || task.topic().isEmpty()) {
            problems.add(new ConfigViolation("/topic", "topic is required"));
        } else if (task.topic().contains("+") || task.topic().contains("#")) {
            problems.add(new ConfigViolation("/topic", "a publish topic cannot contain the wildcards + or #"));
        }
        if (task.message() == null) {
            problems.add(new ConfigViolation("/message", "message is required"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(MqttTask task, TaskContext ctx) throws InterruptedException {
        int qos = task.qos() == null ? 0 : task.qos();
        return MqttCall.run(
                egress,
                type(),
                check(task),
                task.broker(),
                () -> MqttTarget.of(task.broker(), task.port(), task.username(), task.password(), task.client_id()),
                ctx,
                client -> {
                    client.publish(task.topic(), task.message().getBytes(StandardCharsets.UTF_8), qos, false);
                    ctx.output().stdout("published to '" + task.topic() + "' with QoS " + qos + "\n");
                    return TaskOutcome.Succeeded.withExitCode(0);
                });
    }
}
