package io.kronforce.task.kafka;

import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The read loop of one {@code kafka_consume} run on its own consumer: subscribe (with a group) or
 * assign every partition (without), poll until enough records were printed or the wait ran out,
 * and commit, batch by batch, the offsets of the records printed and no further.
 */
final class TopicReader {

    /**
     * @param wanted how many records to print
     * @param window how long to wait for them in all
     */
    record Plan(int wanted, Duration window) {}

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaConsumeTask task;
    private final TaskContext ctx;

    TopicReader(KafkaConsumer<byte[], byte[]> consumer, KafkaConsumeTask task, TaskContext ctx) {
        this.consumer = consumer;
        this.task = task;
        this.ctx = ctx;
    }

    static Map<String, Object> config(KafkaTarget target, Duration budget, KafkaConsumeTask task, int wanted) {
        Map<String, Object> config = target.clientConfig(budget);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, task.offset() == null ? "latest" : task.offset());
        // Fetching more than we print is harmless (it is not committed) but wasted.
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.min(wanted, 500));
        if (task.group_id() != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, task.group_id());
        }
        return config;
    }

    TaskOutcome read(Plan plan, KafkaTarget target) throws InterruptedException {
        long until = System.nanoTime() + plan.window().toNanos();
        int received = 0;
        try {
            start();
            while (received < plan.wanted()) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    if (ctx.deadline().isPresent()) {
                        throw new InterruptedException("deadline passed while waiting for messages");
                    }
                    Stops.throwIfStopped(ctx);
                    return KafkaConsumeTaskHandler.shortfall(received, plan, task.topic());
                }
                received += print(consumer.poll(Duration.ofNanos(left)), plan.wanted() - received);
            }
            return KafkaConsumeTaskHandler.done(received);
        } catch (KafkaException e) {
            return KafkaCall.failure(target, "reading topic '" + task.topic() + "'", e, ctx);
        }
    }

    /** With a group, the group's offsets decide; without, every partition is read from {@code offset}. */
    private void start() {
        if (task.group_id() != null) {
            consumer.subscribe(List.of(task.topic()));
            return;
        }
        List<PartitionInfo> partitions = consumer.partitionsFor(task.topic());
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(assigned);
        if ("earliest".equals(task.offset())) {
            consumer.seekToBeginning(assigned);
        } else {
            consumer.seekToEnd(assigned);
        }
        // Fix the positions now, so a record produced after the run started is read even with "latest".
        assigned.forEach(consumer::position);
    }

    /** Prints up to {@code room} records of a batch and commits their offsets; returns how many it printed. */
    private int print(ConsumerRecords<byte[], byte[]> batch, int room) {
        Map<TopicPartition, OffsetAndMetadata> printed = new HashMap<>();
        int count = 0;
        for (ConsumerRecord<byte[], byte[]> r : batch) {
            if (count == room) {
                break;
            }
            ctx.output().stdout((r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8)) + "\n");
            printed.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            count++;
        }
        if (task.group_id() != null && !printed.isEmpty()) {
            consumer.commitSync(printed);
        }
        return count;
    }
}
