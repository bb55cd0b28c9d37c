package io.kronforce.task.mqtt;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Runs an {@code mqtt_subscribe} task: subscribes to a topic filter and prints {@code max_messages}
 * payloads (UTF-8), one per line, as {@code mosquitto_sub -C N} does; retained messages count. With a
 * job timeout the wait ends at the deadline (timed out); without one it ends after
 * {@value #DEFAULT_WINDOW_SECONDS} s as a failure.
 */
public final class MqttSubscribeTaskHandler implements TaskHandler<MqttSubscribeTask> {

    static final int MAX_MESSAGES = 10_000;
    static final int DEFAULT_WINDOW_SECONDS = 30;

    private final EgressPolicy egress;
    private final Duration window;

    public MqttSubscribeTaskHandler(HandlerSettings settings) {
        this(settings.egress(), Duration.ofSeconds(DEFAULT_WINDOW_SECONDS));
    }

    MqttSubscribeTaskHandler(EgressPolicy egress, Duration window) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.window = window;
    }

    @Override
    public String type() {
        return "mqtt_subscribe";
    }

    @Override
    public Class<MqttSubscribeTask> configType() {
        return MqttSubscribeTask.class;
    }

    @Override
    public List<ConfigViolation> check(MqttSubscribeTask task) {
        List<ConfigViolation> problems =
                new ArrayList<>(MqttTarget.check(task.broker(), task.port(), task.qos(), task.connection()));
        if (task.topic() == null || task.topic().isEmpty()) {
            problems.add(new ConfigViolation("/topic", "topic is required"));
        }
        if (task.max_messages() != null && (task.max_messages() < 1 || task.max_messages() > MAX_MESSAGES)) {
            problems.add(new ConfigViolation("/max_messages", "max_messages must be between 1 and " + MAX_MESSAGES));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(MqttSubscribeTask task, TaskContext ctx) throws InterruptedException {
        int wanted = task.max_messages() == null ? 1 : task.max_messages();
        int qos = task.qos() == null ? 0 : task.qos();
        return MqttCall.run(
                egress,
                type(),
                check(task),
                task.broker(),
                () -> MqttTarget.of(task.broker(), task.port(), task.username(), task.password(), task.client_id()),
                ctx,
                client -> receive(client, task.topic(), qos, wanted, ctx));
    }

    /** Paho delivers on its own thread; the queue hands payloads to ours, which an interrupt can reach. */
    private TaskOutcome receive(MqttClient client, String topic, int qos, int wanted, TaskContext ctx)
            throws MqttException, InterruptedException {
        BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();
        Duration wait = ctx.timeLeft().orElse(window);
        long until = System.nanoTime() + wait.toNanos();
        client.subscribe(topic, qos, (t, message) -> payloads.add(message.getPayload()));
        int received = 0;
        while (received < wanted) {
            byte[] payload = payloads.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (payload == null) {
                Stops.throwIfStopped(ctx);
                return new TaskOutcome.Failed(
                        null,
                        "received " + received + " of " + wanted + " messages on '" + topic + "' within "
                                + wait.toSeconds() + "s",
                        true);
            }
            ctx.output().stdout(new String(payload, StandardCharsets.UTF_8) + "\n");
            received++;
        }
        return new TaskOutcome.Succeeded(0, Map.of("count", Integer.toString(received)));
    }
}
