package io.kronforce.task.rabbitmq;

/**
 * Configuration of a {@code rabbitmq_consume} task. Bound from the task JSON by its snake_case component names.
 *
 * @param url {@code amqp://user:password@host:port/vhost} ({@code amqps://} for TLS)
 * @param queue the queue to take messages from
 * @param max_messages how many messages to take, 1 to {@value RabbitMqConsumeTaskHandler#MAX_MESSAGES};
 *     {@code null} means 1
 * @param connection name of a stored connection the controller merges in before the run
 */
public record RabbitMqConsumeTask(String url, String queue, Integer max_messages, String connection) {}
