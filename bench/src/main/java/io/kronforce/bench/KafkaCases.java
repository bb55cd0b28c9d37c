package io.kronforce.bench;

import io.kronforce.task.kafka.KafkaConsumeTask;
import io.kronforce.task.kafka.KafkaConsumeTaskHandler;
import io.kronforce.task.kafka.KafkaTask;
import io.kronforce.task.kafka.KafkaTaskHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * B7 rows for the kafka and kafka_consume handlers against an in-process KRaft broker. A run of
 * either handler builds its own client and closes it, so each bare run does too, with the
 * settings the handler uses (idempotent producer with {@code acks=all}; a group-less consumer).
 */
final class KafkaCases {

    private static final byte[] BODY = "tick".getBytes(StandardCharsets.UTF_8);
    private static final Duration CLOSE = Duration.ofSeconds(5);

    private KafkaCases() {}

    /** Both sides: new producer, send one record, wait for the acknowledgement, close. */
    static HandlerCase publish() throws Exception {
        return onFreshTopic((broker, topic) -> new HandlerCase(
                HandlerCase.run(
                        new KafkaTaskHandler(HandlerCase.LOOPBACK),
                        new KafkaTask(broker.address(), topic, "tick", null, null, null, null, null)),
                () -> {
                    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(broker))) {
                        sendOne(producer, topic);
                        producer.close(CLOSE);
                    }
                },
                broker::close));
    }

    /**
     * Both sides read the first record of a one-record topic without a consumer group: new
     * consumer, assign the partitions, seek to the beginning, poll until the record is in, close.
     * (Without a group nothing is committed, so every run reads the same record.)
     */
    static HandlerCase consume() throws Exception {
        return onFreshTopic((broker, topic) -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(broker))) {
                sendOne(producer, topic);
            }
            KafkaConsumeTask task =
                    new KafkaConsumeTask(broker.address(), topic, null, 1, "earliest", null, null, null);
            return new HandlerCase(
                    HandlerCase.run(new KafkaConsumeTaskHandler(HandlerCase.LOOPBACK), task),
                    () -> readFirst(broker, topic),
                    broker::close);
        });
    }

    private interface OnTopic {
        HandlerCase build(KafkaBroker broker, String topic) throws Exception;
    }

    /** A case on a fresh broker holding one fresh topic; the case's clean-up stops the broker. */
    private static HandlerCase onFreshTopic(OnTopic build) throws Exception {
        KafkaBroker broker = KafkaBroker.start();
        return HandlerCase.around(broker, () -> {
            String topic = "kf-bench-" + UUID.randomUUID();
            broker.createTopic(topic);
            return build.build(broker, topic);
        });
    }

    private static void sendOne(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        producer.send(new ProducerRecord<>(topic, BODY)).get(30, TimeUnit.SECONDS);
    }

    private static void readFirst(KafkaBroker broker, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(broker))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            partitions.forEach(consumer::position);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.poll(Duration.ofMillis(500)).isEmpty()) {
                if (System.nanoTime() > until) {
                    throw new IllegalStateException("no record from " + topic);
                }
            }
            consumer.close(CloseOptions.timeout(CLOSE));
        }
    }

    private static Map<String, Object> producerConfig(KafkaBroker broker) {
        Map<String, Object> config = common(broker);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return config;
    }

    private static Map<String, Object> consumerConfig(KafkaBroker broker) {
        Map<String, Object> config = common(broker);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
        return config;
    }

    private static Map<String, Object> common(KafkaBroker broker) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.address());
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "kf-bench");
        return config;
    }
}
