package io.kronforce.task.rabbitmq;

import com.rabbitmq.client.Channel;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@code rabbitmq_consume} task: takes {@code max_messages} messages from a queue, printing
 * each body (UTF-8) on its own line and acknowledging it once printed; messages not printed are
 * left on the queue. With a job timeout the wait ends at the deadline (a timeout); without one it
 * ends after {@value #DEFAULT_WINDOW_SECONDS} s, as upstream's consume tasks, and fails.
 */
public final class RabbitMqConsumeTaskHandler implements TaskHandler<RabbitMqConsumeTask> {

    static final int MAX_MESSAGES = 10_000;
    static final int DEFAULT_WINDOW_SECONDS = 30;

    private final EgressPolicy egress;
    private final Duration window;

    public RabbitMqConsumeTaskHandler(HandlerSettings settings) {
        this(settings.egress(), Duration.ofSeconds(DEFAULT_WINDOW_SECONDS));
    }

    RabbitMqConsumeTaskHandler(EgressPolicy egress, Duration window) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.window = window;
    }

    @Override
    public String type() {
        return "rabbitmq_consume";
    }

    @Override
    public Class<RabbitMqConsumeTask> configType() {
        return RabbitMqConsumeTask.class;
    }

    @Override
    public List<ConfigViolation> check(RabbitMqConsumeTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        AmqpTarget.check(task.url(), task.connection()).ifPresent(problems::add);
        if (task.queue() == null || task.queue().isEmpty()) {
            problems.add(new ConfigViolation("/queue", "queue is required"));
        }
        if (task.max_messages() != null && (task.max_messages() < 1 || task.max_messages() > MAX_MESSAGES)) {
            problems.add(new ConfigViolation("/max_messages", "max_messages must be between 1 and " + MAX_MESSAGES));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(RabbitMqConsumeTask task, TaskContext ctx) throws InterruptedException {
        int wanted = task.max_messages() == null ? 1 : task.max_messages();
        return AmqpCall.run(
                egress,
                type(),
                check(task),
                task.url(),
                ctx,
                (channel, timeout) -> consume(channel, task.queue(), wanted, ctx));
    }

    private TaskOutcome consume(Channel channel, String queue, int wanted, TaskContext ctx)
            throws IOException, InterruptedException {
        Duration wait = ctx.timeLeft().orElse(window);
        long until = System.nanoTime() + wait.toNanos();
        // Never more unacknowledged deliveries than we still want: the rest stay with other consumers.
        channel.basicQos(Math.min(wanted, 1000));
        QueueConsumer consumer = new QueueConsumer(channel);
        channel.basicConsume(queue, false, consumer);
        int received = 0;
        while (received < wanted) {
            switch (consumer.next(until - System.nanoTime())) {
                case null -> {
                    Stops.throwIfStopped(ctx);
                    return new TaskOutcome.Failed(
                            null,
                            "received " + received + " of " + wanted + " messages from queue '" + queue + "' within "
                                    + wait.toSeconds() + "s",
                            true);
                }
                case QueueConsumer.Delivery d -> {
                    ctx.output().stdout(new String(d.body(), StandardCharsets.UTF_8) + "\n");
                    channel.basicAck(d.tag(), false);
                    received++;
                }
                case QueueConsumer.Cancelled c -> {
                    return new TaskOutcome.Failed(
                            1,
                            "consumer on queue '" + queue + "' ended after " + received + " messages: " + c.reason(),
                            true);
                }
            }
        }
        return new TaskOutcome.Succeeded(0, Map.of("count", Integer.toString(received)));
    }
}
