package io.kronforce.task.kafka;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both task types against one in-process KRaft broker on 127.0.0.1; each test has its own topic. */
class KafkaRoundTripTest {

    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(30);
    private static LoopbackKafka kafka;

    private final KafkaTaskHandler produce = new KafkaTaskHandler(new HandlerSettings(LOOPBACK));
    private final KafkaConsumeTaskHandler consume = new KafkaConsumeTaskHandler(new HandlerSettings(LOOPBACK));
    private String topic;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LoopbackKafka.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @BeforeEach
    void createTopic() throws Exception {
        topic = "kf-test-" + UUID.randomUUID();
        kafka.createTopic(topic);
    }

    @Test
    void producedMessageIsConsumedUnchangedWithItsKey() throws Exception {
        TestTaskContext produced = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("partition", "0", "offset", "0")),
                produce.run(
                        new KafkaTask(kafka.broker(), topic, "hello ✓ {\"a\":1}", "k-1", null, null, null, null),
                        produced));
        assertEquals(
                "produced to topic '" + topic + "' partition 0 at offset 0\n",
                produced.output().stdoutText());

        TestTaskContext read = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "1")),
                consume.run(consumeTask("g-" + topic, 1, "earliest"), read));
        assertEquals("hello ✓ {\"a\":1}\n", read.output().stdoutText());

        ConsumerRecord<String, String> raw = firstRecord();
        assertEquals("k-1", raw.key());
        assertEquals("hello ✓ {\"a\":1}", raw.value());
    }

    @Test
    void aGroupCommitsOnlyWhatWasPrintedSoTheNextRunGoesOn() throws Exception {
        for (String m : List.of("one", "two", "three")) {
            assertInstanceOf(
                    TaskOutcome.Succeeded.class,
                    produce.run(
                            new KafkaTask(kafka.broker(), topic, m, null, null, null, null, null),
                            TestTaskContext.plain()));
        }
        String group = "g-" + topic;
        TestTaskContext first = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "2")),
                consume.run(consumeTask(group, 2, "earliest"), first));
        assertEquals("one\ntwo\n", first.output().stdoutText());
        try (Admin admin = kafka.admin()) {
            assertEquals(
                    2,
                    admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata()
                            .get()
                            .get(new TopicPartition(topic, 0))
                            .offset());
        }
        TestTaskContext second = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "1")),
                consume.run(consumeTask(group, 1, "earliest"), second));
        assertEquals("three\n", second.output().stdoutText());
    }

    @Test
    void withoutAGroupEveryPartitionIsReadFromTheStart() throws Exception {
        for (String m : List.of("a", "b")) {
            produce.run(new KafkaTask(kafka.broker(), topic, m, null, null, null, null, null), TestTaskContext.plain());
        }
        TestTaskContext read = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "2")),
                consume.run(consumeTask(null, 2, "earliest"), read));
        assertEquals("a\nb\n", read.output().stdoutText());
    }

    @Test
    void emptyTopicFailsWhenTheWindowEnds() throws Exception {
        KafkaConsumeTaskHandler impatient = new KafkaConsumeTaskHandler(LOOPBACK, Duration.ofMillis(500));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class, impatient.run(consumeTask(null, 1, "earliest"), TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("received 0 of 1 messages from topic '" + topic + "'"), failed.reason());
        assertTrue(failed.retryable());
    }

    @Test
    void deadlineEndsTheWaitAsATimeout() throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(1500));
        BackgroundRun reader = BackgroundRun.start(() -> consume.run(consumeTask("g-" + topic, 1, "latest"), ctx));
        assertTrue(reader.finishes(GENEROUS), "consume not stopped by the deadline");
        assertInstanceOf(InterruptedException.class, reader.result());
    }

    @Test
    void interruptStopsConsuming() throws Exception {
        String group = "g-" + topic;
        BackgroundRun reader =
                BackgroundRun.start(() -> consume.run(consumeTask(group, 1, "latest"), TestTaskContext.plain()));
        try (Admin admin = kafka.admin()) {
            await().atMost(GENEROUS)
                    .until(() -> !admin.describeConsumerGroups(List.of(group))
                            .all()
                            .get()
                            .get(group)
                            .members()
                            .isEmpty());
        }
        reader.interrupt();
        assertTrue(reader.finishes(GENEROUS), "consume not stopped by the interrupt");
        assertInstanceOf(InterruptedException.class, reader.result());
    }

    @Test
    void refusedPortFailsRetryably() throws Exception {
        TaskOutcome.Failed refused = assertInstanceOf(
                TaskOutcome.Failed.class,
                produce.run(
                        new KafkaTask("127.0.0.1:" + ClosedPort.find(), topic, "x", null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(refused.reason().startsWith("cannot connect to 127.0.0.1:"), refused.reason());
        assertTrue(refused.retryable());
    }

    @Test
    void publicOnlyEgressRefusesTheLoopbackBroker() throws Exception {
        KafkaTaskHandler strict = new KafkaTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed loopback = assertInstanceOf(
                TaskOutcome.Failed.class,
                strict.run(
                        new KafkaTask(kafka.broker(), topic, "x", null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(loopback.reason().contains("non-public address 127.0.0.1"), loopback.reason());
        assertFalse(loopback.retryable());
    }

    @Test
    void credentialsAgainstAPlaintextListenerFailWithoutPrintingThePassword() throws Exception {
        KafkaTaskHandler quick = new KafkaTaskHandler(LOOPBACK, Duration.ofSeconds(3));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                quick.run(
                        new KafkaTask(kafka.broker(), topic, "x", null, null, "alice", "Sup3rSecret", null),
                        TestTaskContext.plain()));
        assertFalse(failed.reason().contains("Sup3rSecret"), failed.reason());
        assertTrue(failed.reason().contains("alice:****@127.0.0.1:"), failed.reason());
    }

    private KafkaConsumeTask consumeTask(String group, int max, String offset) {
        return new KafkaConsumeTask(kafka.broker(), topic, group, max, offset, null, null, null);
    }

    private ConsumerRecord<String, String> firstRecord() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.broker(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        try (KafkaConsumer<String, String> raw = new KafkaConsumer<>(config)) {
            TopicPartition p = new TopicPartition(topic, 0);
            raw.assign(List.of(p));
            raw.seekToBeginning(List.of(p));
            for (int i = 0; i < 50; i++) {
                for (ConsumerRecord<String, String> r : raw.poll(Duration.ofMillis(200))) {
                    return r;
                }
            }
        }
        throw new AssertionError("no record on " + topic);
    }
}
