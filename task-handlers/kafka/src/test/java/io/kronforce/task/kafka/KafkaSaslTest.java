package io.kronforce.task.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SASL/PLAIN against an in-process broker whose only listener for clients requires it. */
class KafkaSaslTest {

    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static LoopbackKafka kafka;

    private final KafkaTaskHandler produce = new KafkaTaskHandler(new HandlerSettings(LOOPBACK));
    private final KafkaConsumeTaskHandler consume = new KafkaConsumeTaskHandler(LOOPBACK, Duration.ofSeconds(20));

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = LoopbackKafka.start(SecurityProtocol.SASL_PLAINTEXT);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void theRightPasswordProducesAndConsumes() throws Exception {
        String user = JaasUtils.KAFKA_PLAIN_ADMIN;
        String password = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;
        assertInstanceOf(
                TaskOutcome.Succeeded.class,
                produce.run(
                        new KafkaTask(kafka.broker(), "sasl-topic", "over sasl", null, null, user, password, null),
                        TestTaskContext.plain()));
        TestTaskContext read = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "1")),
                consume.run(
                        new KafkaConsumeTask(
                                kafka.broker(), "sasl-topic", "sasl-group", 1, "earliest", user, password, null),
                        read));
        assertEquals("over sasl\n", read.output().stdoutText());
        assertFalse(read.output().stderrText().contains(password));
    }

    @Test
    void aWrongPasswordIsRefusedWithoutRetryAndNeverPrinted() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                produce.run(
                        new KafkaTask(
                                kafka.broker(),
                                "sasl-topic",
                                "x",
                                null,
                                null,
                                JaasUtils.KAFKA_PLAIN_USER1,
                                "Wr0ngSecret",
                                null),
                        TestTaskContext.plain()));
        assertTrue(
                failed.reason()
                        .startsWith("the broker refused the credentials for " + JaasUtils.KAFKA_PLAIN_USER1
                                + ":****@127.0.0.1:"),
                failed.reason());
        assertFalse(failed.reason().contains("Wr0ngSecret"), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void aUserWithoutAclsIsNotAuthorised() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                produce.run(
                        new KafkaTask(
                                kafka.broker(),
                                "sasl-topic",
                                "x",
                                null,
                                null,
                                JaasUtils.KAFKA_PLAIN_USER1,
                                JaasUtils.KAFKA_PLAIN_USER1_PASSWORD,
                                null),
                        TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("not authorised producing to topic 'sasl-topic'"), failed.reason());
        assertFalse(failed.retryable());
    }
}
