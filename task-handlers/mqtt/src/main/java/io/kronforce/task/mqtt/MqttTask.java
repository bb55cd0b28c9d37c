package io.kronforce.task.mqtt;

/**
 * Configuration of an {@code mqtt} task: publish one message. Bound from the task JSON by its
 * snake_case component names.
 *
 * @param broker broker host name or address ({@code tcp://host:port} and {@code ssl://host:port} also work)
 * @param topic the topic to publish on (no wildcards)
 * @param message the payload, sent as UTF-8
 * @param port broker port; {@code null} means 1883 (8883 for {@code ssl://})
 * @param qos 0, 1 or 2; {@code null} means 0, as {@code mosquitto_pub}
 * @param username user name, or {@code null} for an anonymous connection
 * @param password password for {@code username}
 * @param client_id the MQTT client id; {@code null} for a random one
 * @param connection name of a stored connection the controller merges in before the run
 */
public record MqttTask(
        String broker,
        String topic,
        String message,
        Integer port,
        Integer qos,
        String username,
        String password,
        String client_id,
        String connection) {}
