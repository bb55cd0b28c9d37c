package io.kronforce.bench;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;
import io.kronforce.task.mqtt.MqttSubscribeTask;
import io.kronforce.task.mqtt.MqttSubscribeTaskHandler;
import io.kronforce.task.mqtt.MqttTask;
import io.kronforce.task.mqtt.MqttTaskHandler;
import io.kronforce.task.nats.NatsTask;
import io.kronforce.task.nats.NatsTaskHandler;
import io.kronforce.task.rabbitmq.RabbitMqConsumeTask;
import io.kronforce.task.rabbitmq.RabbitMqConsumeTaskHandler;
import io.kronforce.task.rabbitmq.RabbitMqTask;
import io.kronforce.task.rabbitmq.RabbitMqTaskHandler;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** B7 rows for the rabbitmq, mqtt and nats handlers, against the local RabbitMQ, Mosquitto and NATS. */
final class MessagingCases {

    private static final String AMQP = "amqp://guest:guest@127.0.0.1:5672/%2F";
    private static final String MQTT = "tcp://127.0.0.1:1883";
    private static final byte[] BODY = "tick".getBytes(StandardCharsets.UTF_8);

    private MessagingCases() {}

    /** Publish with confirms on both sides (the handler always waits for the confirm). */
    static HandlerCase rabbitPublish() throws Exception {
        String queue = declare(0);
        RabbitMqTask task = new RabbitMqTask(AMQP, "", queue, "tick", null, null);
        return new HandlerCase(
                HandlerCase.run(new RabbitMqTaskHandler(HandlerCase.LOOPBACK), task),
                () -> onChannel(channel -> {
                    channel.confirmSelect();
                    channel.basicPublish("", queue, true, null, BODY);
                    channel.waitForConfirmsOrDie(10_000);
                }),
                () -> onChannel(channel -> channel.queueDelete(queue)));
    }

    /** Both sides take one message (and ack it) from a queue filled beforehand. */
    static HandlerCase rabbitConsume(int runs) throws Exception {
        String queue = declare(2 * runs);
        RabbitMqConsumeTask task = new RabbitMqConsumeTask(AMQP, queue, 1, null);
        return new HandlerCase(
                HandlerCase.run(new RabbitMqConsumeTaskHandler(HandlerCase.LOOPBACK), task),
                () -> onChannel(channel -> channel.basicAck(
                        channel.basicGet(queue, false).getEnvelope().getDeliveryTag(), false)),
                () -> onChannel(channel -> channel.queueDelete(queue)));
    }

    static HandlerCase mqttPublish() {
        String topic = "kf-bench/" + UUID.randomUUID();
        MqttTask task = new MqttTask("127.0.0.1", topic, "tick", 1883, 1, null, null, null, null);
        return new HandlerCase(
                HandlerCase.run(new MqttTaskHandler(HandlerCase.LOOPBACK), task),
                () -> onMqtt(client -> client.publish(topic, BODY, 1, false)),
                () -> {});
    }

    /** Both sides subscribe and wait for the topic's retained message, which arrives at once. */
    static HandlerCase mqttSubscribe() throws Exception {
        String topic = "kf-bench/" + UUID.randomUUID();
        onMqtt(client -> client.publish(topic, BODY, 1, true));
        MqttSubscribeTask task = new MqttSubscribeTask("127.0.0.1", topic, 1883, 1, null, null, null, 0, null);
        return new HandlerCase(
                HandlerCase.run(new MqttSubscribeTaskHandler(HandlerCase.LOOPBACK), task),
                () -> onMqtt(client -> {
                    CountDownLatch got = new CountDownLatch(1);
                    client.subscribe(topic, 0, (t, m) -> got.countDown());
                    if (!got.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("retained message did not arrive");
                    }
                }),
                () -> onMqtt(client -> client.publish(topic, new byte[0], 1, true)));
    }

    /** Publish, then flush until the server confirmed, on both sides. */
    @SuppressWarnings("try") // the NATS client's close() may throw InterruptedException; the bench stops then
    static HandlerCase natsPublish() {
        String subject = "kf.bench." + UUID.randomUUID();
        NatsTask task = new NatsTask("nats://127.0.0.1:4222", subject, "tick", null, null, null);
        return new HandlerCase(
                HandlerCase.run(new NatsTaskHandler(HandlerCase.LOOPBACK), task),
                () -> {
                    try (io.nats.client.Connection nats = Nats.connect("nats://127.0.0.1:4222")) {
                        nats.publish(subject, BODY);
                        nats.flush(Duration.ofSeconds(10));
                    }
                },
                () -> {});
    }

    private interface ChannelWork {
        void run(Channel channel) throws Exception;
    }

    private interface MqttWork {
        void run(MqttClient client) throws Exception;
    }

    private static void onChannel(ChannelWork work) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(AMQP);
        try (com.rabbitmq.client.Connection connection = factory.newConnection();
                Channel channel = connection.createChannel()) {
            work.run(channel);
        }
    }

    private static void onMqtt(MqttWork work) throws Exception {
        try (MqttClient client = new MqttClient(MQTT, MqttClient.generateClientId(), new MemoryPersistence())) {
            client.connect();
            work.run(client);
            client.disconnect();
        }
    }

    /** A fresh queue holding {@code messages} messages. */
    private static String declare(int messages) throws Exception {
        String queue = "kf-bench-" + UUID.randomUUID();
        onChannel(channel -> {
            channel.queueDeclare(queue, false, false, false, null);
            for (int i = 0; i < messages; i++) {
                channel.basicPublish("", queue, null, BODY);
            }
        });
        return queue;
    }
}
