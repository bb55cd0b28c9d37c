package io.kronforce.task.redis;

/**
 * Configuration of a {@code redis_read} task. Bound from the task JSON by its snake_case component names.
 *
 * @param url {@code redis://[user:password@]host[:port][/db]} or {@code rediss://…} for TLS
 * @param key the list or stream key, or the channel for {@code subscribe}
 * @param mode {@code lpop} (default), {@code rpop}, {@code xread} or {@code subscribe}
 * @param count items to read, 1 to {@value RedisReadTaskHandler#MAX_COUNT}; {@code null} means 1
 * @param password used when the URL carries none
 * @param connection name of a stored connection the controller merges in before the run
 */
public record RedisReadTask(String url, String key, String mode, Integer count, String password, String connection) {}
