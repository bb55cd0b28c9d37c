package io.kronforce.task.nats;

/**
 * Configuration of a {@code nats} task. Bound from the task JSON by its snake_case component names.
 *
 * @param url {@code nats://[user:password@]host[:port]}, {@code nats://token@host}, or {@code tls://…}
 * @param subject the subject to publish or send the request to (no wildcards)
 * @param payload the message body, sent as UTF-8; {@code null} sends an empty body
 * @param mode {@code publish} (default) or {@code request}
 * @param timeout_ms how long a request waits for its reply, 1 to {@value NatsTaskHandler#MAX_TIMEOUT_MS};
 *     {@code null} means {@value NatsTaskHandler#DEFAULT_TIMEOUT_MS}. The job deadline, if sooner, wins.
 * @param connection name of a stored connection the controller merges in before the run
 */
public record NatsTask(
        String url, String subject, String payload, String mode, Integer timeout_ms, String connection) {}
