package io.kronforce.task.kafka;

/**
 * Configuration of a {@code kafka_consume} task. Bound from the task JSON by its snake_case component names.
 *
 * @param broker bootstrap servers, {@code host[:port]} (default port 9092), comma-separated for several
 * @param topic the topic to read
 * @param group_id consumer group whose committed offsets the run continues from and commits to;
 *     {@code null} reads without a group and commits nothing
 * @param max_messages how many messages to print, 1 to {@value KafkaConsumeTaskHandler#MAX_MESSAGES};
 *     {@code null} means 1
 * @param offset where to start without a committed offset: {@code earliest} or {@code latest} (the default)
 * @param username SASL/PLAIN user, usually from the stored connection; {@code null} for no authentication
 * @param password password for {@code username}
 * @param connection name of a stored connection the controller merges in before the run
 */
public record KafkaConsumeTask(
        String broker,
        String topic,
        String group_id,
        Integer max_messages,
        String offset,
        String username,
        String password,
        String connection) {}
