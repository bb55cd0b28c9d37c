package io.kronforce.task.kafka;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.StopGuard;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * What both task types do around their client: the check of the config, the egress check of every
 * bootstrap host, a quick TCP probe (the Kafka client would retry a refused port silently until its
 * timeout), and the mapping of client failures onto outcomes (exit code 1). Unreachable brokers and
 * retriable broker errors are retryable; refused credentials and invalid requests are not.
 */
final class KafkaCall {

    /** How long the probe waits for one TCP connect, at most. */
    private static final Duration PROBE = Duration.ofSeconds(5);

    /** The work of a task once its brokers passed the checks, with the budget for its waits. */
    interface Work {
        TaskOutcome run(KafkaTarget target, Duration budget) throws InterruptedException;
    }

    /** Client work that runs behind {@link StopGuard}. */
    interface Guarded {
        TaskOutcome run() throws InterruptedException;
    }

    private KafkaCall() {}

    /**
     * Runs the client work on a thread of its own (decision 0021): the Kafka clients swallow or
     * outlive an interrupt in places (metadata waits, the producer's I/O thread), so a cancel or the
     * deadline reaches them through {@code abort} instead, which closes the producer at once or
     * wakes the consumer up.
     */
    static TaskOutcome guarded(TaskContext ctx, Closeable abort, Guarded work) throws InterruptedException {
        try {
            return StopGuard.call(ctx, abort, () -> {
                try {
                    return work.run();
                } catch (InterruptedException e) {
                    throw new IOException("stopped", e);
                }
            });
        } catch (IOException e) {
            if (e.getCause() instanceof InterruptedException) {
                throw new InterruptedException("stopped by cancel or deadline");
            }
            throw new UncheckedIOException(e);
        }
    }

    static TaskOutcome run(
            EgressPolicy egress,
            String type,
            List<ConfigViolation> problems,
            String broker,
            Duration fallback,
            TaskContext ctx,
            TargetFactory factory,
            Work work)
            throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable(type, problems, "/broker", broker);
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        KafkaTarget target;
        try {
            target = factory.target();
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        Optional<String> refused = target.refusedBy(egress);
        if (refused.isPresent()) {
            return new TaskOutcome.Failed(null, refused.get(), false);
        }
        Duration budget = Stops.budget(ctx, fallback);
        Optional<String> unreachable = probe(target, budget);
        if (unreachable.isPresent()) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(1, "cannot connect to " + target + ": " + unreachable.get(), true);
        }
        return work.run(target, budget);
    }

    /** Builds the target from the task; throws IllegalArgumentException with a message safe to show. */
    interface TargetFactory {
        KafkaTarget target();
    }

    /** How long a finished run may take to close its client politely: at most 5 s, never more than the budget. */
    static Duration closing(Duration budget) {
        return budget.compareTo(PROBE) < 0 ? budget : PROBE;
    }

    /** Empty once one bootstrap server accepts a TCP connection; otherwise the last connect error. */
    private static Optional<String> probe(KafkaTarget target, Duration budget) {
        int millis = (int) Math.max(1, Math.min(budget.toMillis(), PROBE.toMillis()));
        String last = "no address";
        for (KafkaTarget.Server server : target.servers()) {
            try {
                for (InetAddress address : InetAddress.getAllByName(server.host())) {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(address, server.port()), millis);
                        return Optional.empty();
                    } catch (IOException e) {
                        last = Stops.causes(e);
                    }
                }
            } catch (IOException e) {
                last = Stops.causes(e);
            }
        }
        return Optional.of(last);
    }

    /**
     * The outcome of a client failure, or {@link InterruptedException} when it was really a stop (an
     * interrupt, or a timeout sized to a deadline that has passed).
     */
    static TaskOutcome failure(KafkaTarget target, String doing, Throwable thrown, TaskContext ctx)
            throws InterruptedException {
        Throwable e = thrown instanceof ExecutionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        String why = target.scrub(Stops.causes(e));
        if (e instanceof AuthenticationException) {
            return new TaskOutcome.Failed(1, "the broker refused the credentials for " + target + ": " + why, false);
        }
        if (e instanceof AuthorizationException) {
            return new TaskOutcome.Failed(1, "not authorised " + doing + " on " + target + ": " + why, false);
        }
        Stops.throwIfStopped(ctx);
        boolean retryable = e instanceof RetriableException
                || !(e instanceof ApiException)
                        && (e instanceof KafkaException || e instanceof java.util.concurrent.TimeoutException);
        return new TaskOutcome.Failed(1, "Kafka failure " + doing + " on " + target + ": " + why, retryable);
    }
}
