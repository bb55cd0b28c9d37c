package io.kronforce.task.mqtt;

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
import java.util.function.Supplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;

/**
 * One MQTT session of a task: the check of its config, the egress check, a clean session sized to
 * the deadline, the work, a forced disconnect, and the mapping of Paho failures onto outcomes
 * (exit code 1, as {@code mosquitto_pub}/{@code mosquitto_sub}). Unreachable brokers are retryable;
 * refused credentials are not.
 */
final class MqttCall {

    /** The work of a task on a connected client. */
    interface Work {
        TaskOutcome run(MqttClient client) throws MqttException, InterruptedException;
    }

    private MqttCall() {}

    static TaskOutcome run(
            EgressPolicy egress,
            String type,
            List<ConfigViolation> problems,
            String broker,
            Supplier<MqttTarget> target,
            TaskContext ctx,
            Work work)
            throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable(type, problems, "/broker", broker);
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        MqttTarget where;
        try {
            where = target.get();
            egress.checkHost(where.host());
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(null, "connection to " + target.get() + " refused: " + e.getMessage(), false);
        }
        Duration timeout = Stops.budget(ctx, MqttTarget.DEFAULT_TIMEOUT);
        return session(where, timeout, ctx, work);
    }

    private static TaskOutcome session(MqttTarget target, Duration timeout, TaskContext ctx, Work work)
            throws InterruptedException {
        MqttClient client;
        try {
            client = target.connect(timeout);
        } catch (MqttSecurityException e) {
            return new TaskOutcome.Failed(
                    1,
                    "the broker refused the credentials for " + target + ": " + target.scrub(Stops.causes(e)),
                    false);
        } catch (MqttException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "cannot connect to " + target + ": " + target.scrub(Stops.causes(e)), true);
        }
        try {
            return work.run(client);
        } catch (MqttException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "MQTT failure with " + target + ": " + target.scrub(Stops.causes(e)), true);
        } finally {
            close(client);
        }
    }

    /**
     * Disconnects without a quiesce period (the wait is bounded by the client's time-to-wait), then
     * frees Paho's threads. Not {@code disconnectForcibly}: it always sleeps out its whole timeout,
     * which the bench showed as a full second added to every run.
     */
    private static void close(MqttClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(0);
            }
        } catch (MqttException e) {
            // The broker is gone or slow: the forced close below drops the socket either way.
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // Nothing holds resources once force-closed.
        }
    }
}
