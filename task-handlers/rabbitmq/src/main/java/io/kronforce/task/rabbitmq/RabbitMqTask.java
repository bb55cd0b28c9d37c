package io.kronforce.task.rabbitmq;

/**
 * Configuration of a {@code rabbitmq} task: publish one message. Bound from the task JSON by its
 * snake_case component names.
 *
 * @param url {@code amqp://user:password@host:port/vhost} ({@code amqps://} for TLS)
 * @param exchange the exchange; {@code ""} is the default exchange, which routes by queue name
 * @param routing_key the routing key (the queue name on the default exchange)
 * @param message the body, sent as UTF-8
 * @param content_type the AMQP content-type property, or {@code null}
 * @param connection name of a stored connection the controller merges in before the run
 */
public record RabbitMqTask(
        String url, String exchange, String routing_key, String message, String content_type, String connection) {}
