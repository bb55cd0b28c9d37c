package io.kronforce.task.rabbitmq;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Both task types against the local RabbitMQ (127.0.0.1:5672, guest/guest); each test has its own queue. */
class RabbitMqRoundTripTest {

    private static final String URL = "amqp://guest:guest@127.0.0.1:5672/%2F";
    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final RabbitMqTaskHandler publish = new RabbitMqTaskHandler(new HandlerSettings(LOOPBACK));
    private final RabbitMqConsumeTaskHandler consume = new RabbitMqConsumeTaskHandler(new HandlerSettings(LOOPBACK));
    private Connection connection;
    private Channel channel;
    private String queue;

    @BeforeEach
    void declareQueue() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(URL);
        connection = factory.newConnection("kronforce-test");
        channel = connection.createChannel();
        queue = "kf-test-" + UUID.randomUUID();
        channel.queueDeclare(queue, false, false, false, null);
    }

    @AfterEach
    void deleteQueue() throws Exception {
        channel.queueDelete(queue);
        connection.close();
    }

    @Test
    void publishOnTheDefaultExchangeLandsInTheQueueConfirmedAndPersistent() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(
                TaskOutcome.Succeeded.withExitCode(0),
                publish.run(new RabbitMqTask(URL, "", queue, "hello ✓", "text/plain", null), ctx));
        assertEquals(
                "published to the default exchange with routing key '" + queue + "'\n",
                ctx.output().stdoutText());
        GetResponse got = channel.basicGet(queue, true);
        assertNotNull(got);
        assertEquals("hello ✓", new String(got.getBody(), StandardCharsets.UTF_8));
        assertEquals("text/plain", got.getProps().getContentType());
        assertEquals(2, got.getProps().getDeliveryMode());
    }

    @Test
    void unroutableMessageFailsInsteadOfVanishing() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RabbitMqTask(URL, "amq.direct", queue + "-nobody", "lost?", null, null),
                        TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("no queue is bound for routing key"), failed.reason());
        assertTrue(failed.reason().contains("NO_ROUTE"), failed.reason());
    }

    @Test
    void missingExchangeIsABrokerErrorNotWorthARetry() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RabbitMqTask(URL, queue + "-no-exchange", "k", "x", null, null), TestTaskContext.plain()));
        assertTrue(failed.reason().contains("NOT_FOUND"), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void consumeTakesMaxMessagesAndLeavesTheRest() throws Exception {
        for (String body : new String[] {"one", "two", "three"}) {
            channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
        }
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "2")),
                consume.run(new RabbitMqConsumeTask(URL, queue, 2, null), ctx));
        assertEquals("one\ntwo\n", ctx.output().stdoutText());
        await().atMost(GENEROUS).until(() -> channel.queueDeclarePassive(queue).getMessageCount() == 1);
        assertEquals("three", new String(channel.basicGet(queue, true).getBody(), StandardCharsets.UTF_8));
    }

    @Test
    void consumeWaitsForAMessagePublishedLater() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        BackgroundRun reader =
                BackgroundRun.start(() -> consume.run(new RabbitMqConsumeTask(URL, queue, null, null), ctx));
        awaitConsumers(1);
        publish.run(new RabbitMqTask(URL, "", queue, "late", null, null), TestTaskContext.plain());
        assertTrue(reader.finishes(GENEROUS));
        assertEquals(new TaskOutcome.Succeeded(0, Map.of("count", "1")), reader.result());
        assertEquals("late\n", ctx.output().stdoutText());
    }

    @Test
    void emptyQueueFailsWhenTheWindowEnds() throws Exception {
        RabbitMqConsumeTaskHandler impatient = new RabbitMqConsumeTaskHandler(LOOPBACK, Duration.ofMillis(300));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                impatient.run(new RabbitMqConsumeTask(URL, queue, 1, null), TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("received 0 of 1 messages from queue '" + queue + "'"), failed.reason());
        awaitConsumers(0);
    }

    @Test
    void deadlineEndsTheWaitAsATimeout() {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(
                        InterruptedException.class,
                        () -> consume.run(new RabbitMqConsumeTask(URL, queue, 1, null), ctx)));
    }

    @Test
    void interruptStopsConsumingAndClosesTheConnection() throws Exception {
        BackgroundRun reader = BackgroundRun.start(
                () -> consume.run(new RabbitMqConsumeTask(URL, queue, 1, null), TestTaskContext.plain()));
        awaitConsumers(1);
        reader.interrupt();
        assertTrue(reader.finishes(GENEROUS), "consume not stopped by the interrupt");
        assertInstanceOf(InterruptedException.class, reader.result());
        awaitConsumers(0);
    }

    @Test
    void missingQueueIsABrokerError() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                consume.run(new RabbitMqConsumeTask(URL, queue + "-missing", 1, null), TestTaskContext.plain()));
        assertTrue(failed.reason().contains("NOT_FOUND"), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void wrongPasswordFailsWithoutPrintingIt() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RabbitMqTask("amqp://guest:Wr0ngSecret@127.0.0.1:5672", "", queue, "x", null, null),
                        TestTaskContext.plain()));
        assertTrue(
                failed.reason().startsWith("the broker refused the credentials for amqp://guest:****@127.0.0.1:5672"),
                failed.reason());
        assertFalse(failed.reason().contains("Wr0ngSecret"), failed.reason());
        assertFalse(failed.retryable());
    }

    @Test
    void refusedPortUnknownHostAndPublicOnlyEgressFail() throws Exception {
        TaskOutcome.Failed refused = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RabbitMqTask("amqp://127.0.0.1:" + ClosedPort.find(), "", queue, "x", null, null),
                        TestTaskContext.plain()));
        assertTrue(refused.reason().startsWith("cannot connect to amqp://127.0.0.1:"), refused.reason());
        assertTrue(refused.retryable());
        TaskOutcome.Failed unknown = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RabbitMqTask("amqp://no-such-host.invalid", "", queue, "x", null, null),
                        TestTaskContext.plain()));
        assertTrue(unknown.reason().contains("cannot resolve host 'no-such-host.invalid'"), unknown.reason());
        RabbitMqTaskHandler strict = new RabbitMqTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed loopback = assertInstanceOf(
                TaskOutcome.Failed.class,
                strict.run(new RabbitMqTask(URL, "", queue, "x", null, null), TestTaskContext.plain()));
        assertTrue(loopback.reason().contains("non-public address 127.0.0.1"), loopback.reason());
    }

    private void awaitConsumers(int expected) {
        await().atMost(GENEROUS).until(() -> channel.queueDeclarePassive(queue).getConsumerCount() == expected);
    }
}
