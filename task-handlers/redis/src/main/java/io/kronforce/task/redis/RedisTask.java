package io.kronforce.task.redis;

/**
 * Configuration of a {@code redis} task: PUBLISH one message on a channel. Bound from the task JSON
 * by its snake_case component names.
 *
 * @param url {@code redis://[user:password@]host[:port][/db]} or {@code rediss://…} for TLS
 * @param channel the channel to publish on
 * @param message the message, sent as UTF-8
 * @param password used when the URL carries none (a stored redis connection supplies it this way)
 * @param connection name of a stored connection the controller merges in before the run
 */
public record RedisTask(String url, String channel, String message, String password, String connection) {}
