/**
 * The {@code kafka} (produce) and {@code kafka_consume} task types with the Apache Kafka Java client;
 * every bootstrap host passes the host's {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.kafka;
