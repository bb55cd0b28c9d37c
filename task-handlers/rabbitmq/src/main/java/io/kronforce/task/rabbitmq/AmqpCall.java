package io.kronforce.task.rabbitmq;

import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;
import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One AMQP conversation of a task: the check of its config, the egress check, a connection and
 * channel sized to the deadline, the work, and the mapping of client failures onto outcomes (exit
 * code 1). Unreachable brokers are retryable; refused credentials and broker errors are not.
 */
final class AmqpCall {

    /** The work of a task on an open channel, with the timeout for its waits. */
    interface Work {
        TaskOutcome run(Channel channel, Duration timeout) throws IOException, TimeoutException, InterruptedException;
    }

    private AmqpCall() {}

    static TaskOutcome run(
            EgressPolicy egress, String type, List<ConfigViolation> problems, String url, TaskContext ctx, Work work)
            throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable(type, problems, "/url", url);
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        AmqpTarget target;
        try {
            target = AmqpTarget.parse(url);
            egress.checkHost(target.host());
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(
                    null, "connection to " + AmqpTarget.parse(url) + " refused: " + e.getMessage(), false);
        }
        Duration timeout = Stops.budget(ctx, AmqpTarget.DEFAULT_TIMEOUT);
        return converse(target, timeout, ctx, work);
    }

    private static TaskOutcome converse(AmqpTarget target, Duration timeout, TaskContext ctx, Work work)
            throws InterruptedException {
        Connection connection;
        try {
            connection = target.factory(timeout).newConnection("kronforce");
        } catch (AuthenticationFailureException e) {
            return new TaskOutcome.Failed(
                    1,
                    "the broker refused the credentials for " + target + ": " + target.scrub(Stops.causes(e)),
                    false);
        } catch (IOException | TimeoutException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "cannot connect to " + target + ": " + target.scrub(Stops.causes(e)), true);
        }
        try (connection) {
            return work.run(connection.createChannel(), timeout);
        } catch (ShutdownSignalException e) {
            return shutdown(target, e, ctx);
        } catch (IOException | TimeoutException e) {
            if (e.getCause() instanceof ShutdownSignalException s) {
                return shutdown(target, s, ctx);
            }
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "AMQP failure with " + target + ": " + target.scrub(Stops.causes(e)), true);
        }
    }

    /**
     * A closed channel ({@code NOT_FOUND - no queue 'x'}) means the task is wrong, not the network;
     * a closed connection may be either, and is worth a retry.
     */
    private static TaskOutcome shutdown(AmqpTarget target, ShutdownSignalException e, TaskContext ctx)
            throws InterruptedException {
        if (!e.isHardError()) {
            return new TaskOutcome.Failed(1, "broker error: " + target.scrub(Stops.causes(e)), false);
        }
        Stops.throwIfStopped(ctx);
        return new TaskOutcome.Failed(1, "connection to " + target + " closed: " + target.scrub(Stops.causes(e)), true);
    }
}
