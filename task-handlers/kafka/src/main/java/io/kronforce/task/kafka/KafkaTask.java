package io.kronforce.task.kafka;

/**
 * Configuration of a {@code kafka} task: produce one message. Bound from the task JSON by its
 * snake_case component names.
 *
 * @param broker bootstrap servers, {@code host[:port]} (default port 9092), comma-separated for several
 * @param topic the topic to produce to
 * @param message the record value, sent as UTF-8
 * @param key the record key (UTF-8), or {@code null} for none
 * @param properties upstream's extra producer arguments: whitespace-separated {@code name=value}
 *     client properties from a short allow-list ({@code --producer-property}-style flags are skipped)
 * @param username SASL/PLAIN user, usually from the stored connection; {@code null} for no authentication
 * @param password password for {@code username}
 * @param connection name of a stored connection the controller merges in before the run
 */
public record KafkaTask(
        String broker,
        String topic,
        String message,
        String key,
        String properties,
        String username,
        String password,
        String connection) {}
