package io.kronforce.task.kafka;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;

/**
 * Runs a {@code kafka_consume} task: prints up to {@code max_messages} record values (UTF-8), one
 * per line, like {@code kafka-console-consumer --max-messages N}. With a {@code group_id} it reads
 * from the group's committed offsets and commits, after each batch it printed, exactly the records
 * printed, so a stopped run re-reads nothing it printed and loses nothing it did not. Without a group
 * it reads every partition and commits nothing. With a job timeout the wait ends at the deadline (a
 * timeout); without one it ends after {@value #DEFAULT_WINDOW_SECONDS} s, as upstream's consume
 * tasks, and fails naming how many arrived.
 */
public final class KafkaConsumeTaskHandler implements TaskHandler<KafkaConsumeTask> {

    static final int MAX_MESSAGES = 10_000;
    static final int DEFAULT_WINDOW_SECONDS = 30;
    private static final Set<String> OFFSETS = Set.of("earliest", "latest");

    private final EgressPolicy egress;
    private final Duration window;

    public KafkaConsumeTaskHandler(HandlerSettings settings) {
        this(settings.egress(), Duration.ofSeconds(DEFAULT_WINDOW_SECONDS));
    }

    /** @param window how long a run without a job timeout waits for its messages */
    KafkaConsumeTaskHandler(EgressPolicy egress, Duration window) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.window = window;
    }

    @Override
    public String type() {
        return "kafka_consume";
    }

    @Override
    public Class<KafkaConsumeTask> configType() {
        return KafkaConsumeTask.class;
    }

    @Override
    public List<ConfigViolation> check(KafkaConsumeTask task) {
        List<ConfigViolation> problems = new ArrayList<>(KafkaTarget.check(task.broker(), null, task.connection()));
        if (task.topic() == null || task.topic().isBlank()) {
            problems.add(new ConfigViolation("/topic", "topic is required"));
        }
        if (task.group_id() != null && task.group_id().isBlank()) {
            problems.add(new ConfigViolation("/group_id", "group_id must not be blank"));
        }
        if (task.max_messages() != null && (task.max_messages() < 1 || task.max_messages() > MAX_MESSAGES)) {
            problems.add(new ConfigViolation("/max_messages", "max_messages must be between 1 and " + MAX_MESSAGES));
        }
        if (task.offset() != null && !OFFSETS.contains(task.offset())) {
            problems.add(new ConfigViolation("/offset", "offset must be earliest or latest"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(KafkaConsumeTask task, TaskContext ctx) throws InterruptedException {
        int wanted = task.max_messages() == null ? 1 : task.max_messages();
        Duration wait = ctx.timeLeft().orElse(window);
        return KafkaCall.run(
                egress,
                type(),
                check(task),
                task.broker(),
                window,
                ctx,
                () -> KafkaTarget.of(task.broker(), null, task.username(), task.password()),
                (target, budget) -> consume(task, target, budget, new TopicReader.Plan(wanted, wait), ctx));
    }

    private static TaskOutcome consume(
            KafkaConsumeTask task, KafkaTarget target, Duration budget, TopicReader.Plan plan, TaskContext ctx)
            throws InterruptedException {
        AtomicReference<KafkaConsumer<byte[], byte[]>> open = new AtomicReference<>();
        AtomicBoolean aborted = new AtomicBoolean();
        return KafkaCall.guarded(
                ctx,
                () -> {
                    aborted.set(true);
                    KafkaConsumer<byte[], byte[]> consumer = open.get();
                    if (consumer != null) {
                        consumer.wakeup(); // the one consumer method another thread may call
                    }
                },
                () -> read(task, target, budget, plan, ctx, open, aborted));
    }

    private static TaskOutcome read(
            KafkaConsumeTask task,
            KafkaTarget target,
            Duration budget,
            TopicReader.Plan plan,
            TaskContext ctx,
            AtomicReference<KafkaConsumer<byte[], byte[]>> open,
            AtomicBoolean aborted)
            throws InterruptedException {
        KafkaConsumer<byte[], byte[]> consumer;
        try {
            consumer = new KafkaConsumer<>(TopicReader.config(target, budget, task, plan.wanted()));
        } catch (KafkaException e) {
            return KafkaCall.failure(target, "creating the consumer", e, ctx);
        }
        open.set(consumer);
        if (aborted.get()) {
            consumer.wakeup(); // stopped while the consumer was being built
        }
        try {
            return new TopicReader(consumer, task, ctx).read(plan, target);
        } finally {
            // Leaving the group politely takes a round trip; a stopped run must not wait for it.
            Thread.interrupted();
            consumer.close(CloseOptions.timeout(aborted.get() ? Duration.ZERO : KafkaCall.closing(budget)));
        }
    }

    /** The outcome when fewer than {@code wanted} records came in time and the run was not stopped. */
    static TaskOutcome shortfall(int received, TopicReader.Plan plan, String topic) {
        return new TaskOutcome.Failed(
                null,
                "received " + received + " of " + plan.wanted() + " messages from topic '" + topic + "' within "
                        + plan.window().toSeconds() + "s",
                true);
    }

    static TaskOutcome done(int received) {
        return new TaskOutcome.Succeeded(0, Map.of("count", Integer.toString(received)));
    }
}
