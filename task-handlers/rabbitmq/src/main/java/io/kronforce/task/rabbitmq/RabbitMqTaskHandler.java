package io.kronforce.task.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.MessageProperties;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a {@code rabbitmq} task: publishes one persistent message and waits for the broker's
 * confirm, so success means the broker took responsibility for it. The message is published as
 * mandatory: one that no queue would receive comes back, and the run fails saying so, instead of
 * vanishing as it did with upstream's {@code amqp-publish}.
 */
public final class RabbitMqTaskHandler implements TaskHandler<RabbitMqTask> {

    private final EgressPolicy egress;

    public RabbitMqTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "rabbitmq";
    }

    @Override
    public Class<RabbitMqTask> configType() {
        return RabbitMqTask.class;
    }

    @Override
    public List<ConfigViolation> check(RabbitMqTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        AmqpTarget.check(task.url(), task.connection()).ifPresent(problems::add);
        if (task.exchange() == null) {
            problems.add(new ConfigViolation("/exchange", "exchange is required (\"\" for the default exchange)"));
        }
        if (task.routing_key() == null) {
            problems.add(new ConfigViolation("/routing_key", "routing_key is required"));
        }
        if (task.message() == null) {
            problems.add(new ConfigViolation("/message", "message is required"));
        }
        if (task.content_type() != null && task.content_type().isBlank()) {
            problems.add(new ConfigViolation("/content_type", "content_type must not be blank"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(RabbitMqTask task, TaskContext ctx) throws InterruptedException {
        return AmqpCall.run(
                egress,
                type(),
                check(task),
                task.url(),
                ctx,
                (channel, timeout) -> publish(task, channel, timeout, ctx));
    }

    private static TaskOutcome publish(RabbitMqTask task, Channel channel, Duration timeout, TaskContext ctx)
            throws IOException, TimeoutException, InterruptedException {
        AtomicReference<String> returned = new AtomicReference<>();
        channel.addReturnListener(r -> returned.set(r.getReplyCode() + " " + r.getReplyText()));
        channel.confirmSelect();
        AMQP.BasicProperties props = MessageProperties.PERSISTENT_BASIC
                .builder()
                .contentType(task.content_type())
                .build();
        channel.basicPublish(
                task.exchange(), task.routing_key(), true, props, task.message().getBytes(StandardCharsets.UTF_8));
        // The broker sends basic.return before the confirm, so once confirmed the return has been seen.
        boolean acked = channel.waitForConfirms(timeout.toMillis());
        String where = task.exchange().isEmpty() ? "the default exchange" : "exchange '" + task.exchange() + "'";
        if (!acked) {
            return new TaskOutcome.Failed(1, "the broker refused the message (nack) on " + where, true);
        }
        if (returned.get() != null) {
            return new TaskOutcome.Failed(
                    1,
                    "no queue is bound for routing key '" + task.routing_key() + "' on " + where + " (" + returned.get()
                            + ")",
                    false);
        }
        ctx.output().stdout("published to " + where + " with routing key '" + task.routing_key() + "'\n");
        return TaskOutcome.Succeeded.withExitCode(0);
    }
}
