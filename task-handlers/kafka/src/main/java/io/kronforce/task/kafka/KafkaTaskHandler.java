package io.kronforce.task.kafka;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs a {@code kafka} task: produces one record and succeeds only once the broker acknowledged it
 * with {@code acks=all} from an idempotent producer, so success means every in-sync replica has it
 * and a retried send inside the client cannot write it twice. Upstream's console producer exited 0
 * even when the message never left the client.
 */
public final class KafkaTaskHandler implements TaskHandler<KafkaTask> {

    private final EgressPolicy egress;
    private final Duration window;

    public KafkaTaskHandler(HandlerSettings settings) {
        this(settings.egress(), KafkaTarget.DEFAULT_TIMEOUT);
    }

    /** @param window how long a run without a job timeout may wait for the broker */
    KafkaTaskHandler(EgressPolicy egress, Duration window) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.window = window;
    }

    @Override
    public String type() {
        return "kafka";
    }

    @Override
    public Class<KafkaTask> configType() {
        return KafkaTask.class;
    }

    @Override
    public List<ConfigViolation> check(KafkaTask task) {
        List<ConfigViolation> problems =
                new ArrayList<>(KafkaTarget.check(task.broker(), task.properties(), task.connection()));
        if (task.topic() == null || task.topic().isBlank()) {
            problems.add(new ConfigViolation("/topic", "topic is required"));
        }
        if (task.message() == null) {
            problems.add(new ConfigViolation("/message", "message is required"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(KafkaTask task, TaskContext ctx) throws InterruptedException {
        return KafkaCall.run(
                egress,
                type(),
                check(task),
                task.broker(),
                window,
                ctx,
                () -> KafkaTarget.of(task.broker(), task.properties(), task.username(), task.password()),
                (target, budget) -> produce(task, target, budget, ctx));
    }

    private static TaskOutcome produce(KafkaTask task, KafkaTarget target, Duration budget, TaskContext ctx)
            throws InterruptedException {
        AtomicReference<KafkaProducer<byte[], byte[]>> open = new AtomicReference<>();
        AtomicBoolean aborted = new AtomicBoolean();
        return KafkaCall.guarded(
                ctx,
                () -> {
                    aborted.set(true);
                    KafkaProducer<byte[], byte[]> producer = open.get();
                    if (producer != null) {
                        // close() joins the producer's I/O thread, which finishes a pending connection
                        // handshake (at most one request timeout) before it looks at the close: do not wait here.
                        Thread.ofVirtual().name("kafka-producer-close").start(() -> producer.close(Duration.ZERO));
                    }
                },
                () -> send(task, target, budget, ctx, open, aborted));
    }

    private static TaskOutcome send(
            KafkaTask task,
            KafkaTarget target,
            Duration budget,
            TaskContext ctx,
            AtomicReference<KafkaProducer<byte[], byte[]>> open,
            AtomicBoolean aborted)
            throws InterruptedException {
        KafkaProducer<byte[], byte[]> producer;
        try {
            producer = new KafkaProducer<>(config(target, budget));
        } catch (KafkaException e) {
            return KafkaCall.failure(target, "creating the producer", e, ctx);
        }
        open.set(producer);
        if (aborted.get()) {
            producer.close(Duration.ZERO); // stopped while the producer was being built
        }
        try {
            byte[] key = task.key() == null ? null : task.key().getBytes(StandardCharsets.UTF_8);
            Future<RecordMetadata> sent = producer.send(
                    new ProducerRecord<>(task.topic(), key, task.message().getBytes(StandardCharsets.UTF_8)));
            RecordMetadata acked = sent.get(budget.toMillis(), TimeUnit.MILLISECONDS);
            ctx.output()
                    .stdout("produced to topic '" + acked.topic() + "' partition " + acked.partition() + " at offset "
                            + acked.offset() + "\n");
            return new TaskOutcome.Succeeded(
                    0,
                    Map.of("partition", Integer.toString(acked.partition()), "offset", Long.toString(acked.offset())));
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            return KafkaCall.failure(target, "producing to topic '" + task.topic() + "'", e, ctx);
        } finally {
            Thread.interrupted(); // a stopped run closes below without being interrupted again
            producer.close(aborted.get() ? Duration.ZERO : KafkaCall.closing(budget));
        }
    }

    private static Map<String, Object> config(KafkaTarget target, Duration budget) {
        Map<String, Object> config = target.clientConfig(budget);
        // The producer has no default.api.timeout.ms; its operations are bounded by the two settings below.
        int millis = (int) config.remove(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // send() blocks for metadata up to max.block.ms; the whole delivery must fit the budget too.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, millis);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }
}
