/**
 * The {@code nats} task type, beyond upstream: publish one message or make one request and print
 * the reply, with the official jnats client; every connection passes the host's
 * {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.nats;
