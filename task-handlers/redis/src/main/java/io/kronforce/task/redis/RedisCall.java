package io.kronforce.task.redis;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One Redis conversation of a task: the egress check, a connection sized to the deadline, the
 * commands, and the mapping of client failures onto outcomes. Exit code 1 on failure, as
 * {@code redis-cli}; connection problems are retryable, server refusals are not.
 */
final class RedisCall {

    /** The commands of a task, given a connected client. */
    interface Work {
        TaskOutcome run(Jedis jedis, Duration timeout) throws InterruptedException;
    }

    private RedisCall() {}

    /**
     * Runs a task whose check() found {@code problems}: an invalid task (or one whose stored
     * connection was not merged) fails without connecting.
     */
    static TaskOutcome run(
            EgressPolicy egress,
            String type,
            List<ConfigViolation> problems,
            String url,
            String password,
            TaskContext ctx,
            Work work)
            throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable(type, problems, "/url", url);
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        RedisTarget target;
        try {
            target = RedisTarget.parse(url, password);
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        return run(egress, target, ctx, work);
    }

    private static TaskOutcome run(EgressPolicy egress, RedisTarget target, TaskContext ctx, Work work)
            throws InterruptedException {
        try {
            egress.checkHost(target.host());
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(null, "connection to " + target + " refused: " + e.getMessage(), false);
        }
        Duration timeout = Stops.budget(ctx, RedisTarget.DEFAULT_TIMEOUT);
        try (Jedis jedis = target.connect(timeout)) {
            return work.run(jedis, timeout);
        } catch (JedisConnectionException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(1, "cannot reach " + target + ": " + target.scrub(Stops.causes(e)), true);
        } catch (JedisAccessControlException e) {
            return new TaskOutcome.Failed(
                    1, "redis refused the credentials for " + target + ": " + target.scrub(Stops.causes(e)), false);
        } catch (JedisDataException e) {
            return new TaskOutcome.Failed(1, "redis error: " + target.scrub(Stops.causes(e)), false);
        } catch (JedisException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(1, "redis failed: " + target.scrub(Stops.causes(e)), true);
        }
    }
}
