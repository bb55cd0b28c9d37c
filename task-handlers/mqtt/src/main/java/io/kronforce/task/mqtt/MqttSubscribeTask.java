package io.kronforce.task.mqtt;

/**
 * Configuration of an {@code mqtt_subscribe} task. Bound from the task JSON by its snake_case component names.
 *
 * @param broker broker host name or address ({@code tcp://host:port} and {@code ssl://host:port} also work)
 * @param topic the topic filter; {@code +} and {@code #} wildcards allowed
 * @param port broker port; {@code null} means 1883 (8883 for {@code ssl://})
 * @param max_messages messages to receive, 1 to {@value MqttSubscribeTaskHandler#MAX_MESSAGES}; {@code null} means 1
 * @param username user name, or {@code null} for an anonymous connection
 * @param password password for {@code username}
 * @param client_id the MQTT client id; {@code null} for a random one
 * @param qos subscription QoS 0, 1 or 2; {@code null} means 0
 * @param connection name of a stored connection the controller merges in before the run
 */
public record MqttSubscribeTask(
        String broker,
        String topic,
        Integer port,
        Integer max_messages,
        String username,
        String password,
        String client_id,
        Integer qos,
        String connection) {}
