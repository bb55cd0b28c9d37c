/**
 * The {@code redis} (PUBLISH) and {@code redis_read} (LPOP, RPOP, XREAD, SUBSCRIBE) task types,
 * spoken natively with Jedis; every connection passes the host's
 * {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.redis;
