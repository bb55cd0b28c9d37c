/**
 * The {@code rabbitmq} (publish) and {@code rabbitmq_consume} task types over AMQP 0-9-1 with the
 * RabbitMQ Java client; every connection passes the host's {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.rabbitmq;
