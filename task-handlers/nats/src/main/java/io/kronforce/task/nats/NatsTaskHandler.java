package io.kronforce.task.nats;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@code nats} task (beyond upstream). {@code publish} sends the payload and flushes, so
 * success means the server has it; {@code request} sends it with a reply inbox and prints the
 * first reply (UTF-8). No reply in time, or no responder at all, fails the run. Thread-safe; each
 * run has its own connection.
 */
public final class NatsTaskHandler implements TaskHandler<NatsTask> {

    static final int DEFAULT_TIMEOUT_MS = 5_000;
    static final int MAX_TIMEOUT_MS = 300_000;
    /** Bound for a publish's flush when the job has no deadline. */
    static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private static final Set<String> MODES = Set.of("publish", "request");
    /** How much longer the client keeps a request's future than we wait on it. */
    private static final Duration FUTURE_GRACE = Duration.ofSeconds(1);

    private final EgressPolicy egress;

    public NatsTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "nats";
    }

    @Override
    public Class<NatsTask> configType() {
        return NatsTask.class;
    }

    @Override
    public List<ConfigViolation> check(NatsTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        ConfigChecks.address("/url", task.url(), task.connection(), NatsTarget::parse)
                .ifPresent(problems::add);
        String subject = task.subject();
        if (subject == null || subject.isEmpty()) {
            problems.add(new ConfigViolation("/subject", "subject is required"));
        } else if (subject.chars().anyMatch(c -> c == '*' || c == '>' || Character.isWhitespace(c))) {
            problems.add(new ConfigViolation("/subject", "subject cannot hold wildcards (* >) or whitespace"));
        }
        if (task.mode() != null && !MODES.contains(task.mode())) {
            problems.add(new ConfigViolation("/mode", "mode must be publish or request"));
        }
        if (task.timeout_ms() != null && (task.timeout_ms() < 1 || task.timeout_ms() > MAX_TIMEOUT_MS)) {
            problems.add(new ConfigViolation("/timeout_ms", "timeout_ms must be between 1 and " + MAX_TIMEOUT_MS));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(NatsTask task, TaskContext ctx) throws InterruptedException {
        Optional<TaskOutcome> unrunnable = ConfigChecks.unrunnable(type(), check(task), "/url", task.url());
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        NatsTarget target = NatsTarget.parse(task.url());
        try {
            egress.checkHost(target.host());
        } catch (EgressDeniedException e) {
            return new TaskOutcome.Failed(null, "connection to " + target + " refused: " + e.getMessage(), false);
        }
        Duration budget = Stops.budget(ctx, NatsTarget.CONNECT_TIMEOUT);
        Connection connection;
        try {
            connection = Nats.connect(target.options(budget));
        } catch (AuthenticationException e) {
            return new TaskOutcome.Failed(
                    1,
                    "the server refused the credentials for " + target + ": " + target.scrub(Stops.causes(e)),
                    false);
        } catch (IOException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "cannot connect to " + target + ": " + target.scrub(Stops.causes(e)), true);
        }
        try {
            byte[] body = task.payload() == null ? new byte[0] : task.payload().getBytes(StandardCharsets.UTF_8);
            return "request".equals(task.mode())
                    ? request(connection, task, body, ctx)
                    : publish(connection, task.subject(), body, ctx.timeLeft().orElse(FLUSH_TIMEOUT), ctx);
        } finally {
            connection.close();
        }
    }

    private static TaskOutcome publish(
            Connection connection, String subject, byte[] body, Duration timeout, TaskContext ctx)
            throws InterruptedException {
        connection.publish(subject, body);
        try {
            connection.flush(timeout); // the server has it once the flush's PONG is back
        } catch (TimeoutException e) {
            Stops.throwIfStopped(ctx);
            return new TaskOutcome.Failed(
                    1, "the server did not confirm the publish within " + timeout.toMillis() + " ms", true);
        }
        ctx.output().stdout("published " + body.length + " bytes to '" + subject + "'\n");
        return TaskOutcome.Succeeded.withExitCode(0);
    }

    private static TaskOutcome request(Connection connection, NatsTask task, byte[] body, TaskContext ctx)
            throws InterruptedException {
        Duration wait = Duration.ofMillis(task.timeout_ms() == null ? DEFAULT_TIMEOUT_MS : task.timeout_ms());
        Optional<Duration> left = ctx.timeLeft();
        boolean deadlineFirst = left.isPresent() && left.get().compareTo(wait) < 0;
        Duration limit = deadlineFirst ? left.get() : wait;
        Message reply;
        try {
            // A plain request() future lives only for the client's default request timeout (5 s; its
            // cleanup timer cancels it later). Give this one a lifetime just past our wait, so our
            // get(), which an interrupt reaches, decides when to give up.
            reply = connection
                    .requestWithTimeout(task.subject(), body, limit.plus(FUTURE_GRACE))
                    .get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (deadlineFirst) {
                throw new InterruptedException("deadline passed while waiting for the reply");
            }
            return new TaskOutcome.Failed(
                    1, "no reply on '" + task.subject() + "' within " + wait.toMillis() + " ms", true);
        } catch (ExecutionException | CancellationException e) {
            return new TaskOutcome.Failed(
                    1,
                    "request on '" + task.subject() + "' failed: "
                            + Stops.causes(e instanceof ExecutionException ? e.getCause() : e),
                    true);
        }
        ctx.output().stdout(new String(reply.getData(), StandardCharsets.UTF_8) + "\n");
        return new TaskOutcome.Succeeded(0, Map.of("reply_bytes", Integer.toString(reply.getData().length)));
    }
}
