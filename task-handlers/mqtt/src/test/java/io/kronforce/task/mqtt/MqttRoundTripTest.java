package io.kronforce.task.mqtt;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both task types against the local Mosquitto (127.0.0.1:1883); each test uses a topic of its own. */
class MqttRoundTripTest {

    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final MqttTaskHandler publish = new MqttTaskHandler(new HandlerSettings(LOOPBACK));
    private final MqttSubscribeTaskHandler subscribe = new MqttSubscribeTaskHandler(new HandlerSettings(LOOPBACK));
    private final String topic = "kf-test/" + UUID.randomUUID();

    @Test
    void subscribeReceivesWhatPublishSendsAtEveryQos() throws Exception {
        retain(topic + "/a", "zero");
        try {
            TestTaskContext listener = TestTaskContext.plain();
            String clientId = "kf-sub-" + UUID.randomUUID().toString().substring(0, 8);
            BackgroundRun reader = BackgroundRun.start(() -> subscribe.run(
                    new MqttSubscribeTask("127.0.0.1", topic + "/#", 1883, 3, null, null, clientId, 2, null),
                    listener));
            // A retained message reaches the subscriber the moment its subscription is in place.
            await().atMost(GENEROUS).until(() -> !listener.output().stdoutText().isEmpty());
            assertEquals("zero\n", listener.output().stdoutText());
            TestTaskContext ctx = TestTaskContext.plain();
            assertEquals(
                    TaskOutcome.Succeeded.withExitCode(0),
                    publish.run(
                            new MqttTask(
                                    "tcp://127.0.0.1:1883", topic + "/b", "one ✓", null, 1, null, null, null, null),
                            ctx));
            assertEquals(
                    "published to '" + topic + "/b' with QoS 1\n", ctx.output().stdoutText());
            publish.run(
                    new MqttTask("127.0.0.1", topic + "/c", "two", 1883, 2, null, null, null, null),
                    TestTaskContext.plain());
            assertTrue(reader.finishes(GENEROUS));
            assertEquals(new TaskOutcome.Succeeded(0, Map.of("count", "3")), reader.result());
            assertEquals("zero\none ✓\ntwo\n", listener.output().stdoutText());
        } finally {
            retain(topic + "/a", ""); // an empty retained message deletes the retained one
        }
    }

    private static void retain(String topic, String payload) throws MqttException {
        try (MqttClient client =
                new MqttClient("tcp://127.0.0.1:1883", MqttClient.generateClientId(), new MemoryPersistence())) {
            client.connect();
            client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, true);
            client.disconnect();
        }
    }

    @Test
    void noMessagesFailsWhenTheWindowEnds() throws Exception {
        MqttSubscribeTaskHandler impatient = new MqttSubscribeTaskHandler(LOOPBACK, Duration.ofMillis(300));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                impatient.run(
                        new MqttSubscribeTask("127.0.0.1", topic, null, null, null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("received 0 of 1 messages on '" + topic + "'"), failed.reason());
    }

    @Test
    void deadlineEndsTheWaitAsATimeout() {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(700));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(
                        InterruptedException.class,
                        () -> subscribe.run(
                                new MqttSubscribeTask("127.0.0.1", topic, null, null, null, null, null, null, null),
                                ctx)));
    }

    @Test
    void interruptStopsTheSubscriptionPromptly() throws Exception {
        BackgroundRun reader = BackgroundRun.start(() -> subscribe.run(
                new MqttSubscribeTask("127.0.0.1", topic, null, null, null, null, null, null, null),
                TestTaskContext.plain()));
        await().pollDelay(Duration.ofMillis(500)).atMost(GENEROUS).until(reader::isAlive);
        reader.interrupt();
        assertTrue(reader.finishes(GENEROUS), "subscription not stopped by the interrupt");
        assertInstanceOf(InterruptedException.class, reader.result());
    }

    @Test
    void wrongPasswordIsRefusedAndNeverPrinted(@TempDir Path dir) throws Exception {
        try (PasswordBroker broker = PasswordBroker.start(dir)) {
            TestTaskContext ok = TestTaskContext.plain();
            assertEquals(
                    TaskOutcome.Succeeded.withExitCode(0),
                    publish.run(
                            new MqttTask(
                                    "127.0.0.1",
                                    topic,
                                    "m",
                                    broker.port,
                                    1,
                                    PasswordBroker.USER,
                                    PasswordBroker.PASSWORD,
                                    null,
                                    null),
                            ok));
            TestTaskContext ctx = TestTaskContext.plain();
            TaskOutcome.Failed failed = assertInstanceOf(
                    TaskOutcome.Failed.class,
                    publish.run(
                            new MqttTask(
                                    "127.0.0.1",
                                    topic,
                                    "m",
                                    broker.port,
                                    0,
                                    PasswordBroker.USER,
                                    "Wr0ngPassword",
                                    null,
                                    null),
                            ctx));
            assertTrue(
                    failed.reason().startsWith("the broker refused the credentials for tcp://kf-user:****@127.0.0.1:"),
                    failed.reason());
            assertFalse(failed.retryable());
            assertFalse(failed.reason().contains("Wr0ngPassword"), failed.reason());
            assertFalse(ctx.output().stdoutText().contains("Wr0ngPassword"));
        }
    }

    @Test
    void refusedPortUnknownHostAndPublicOnlyEgressFail() throws Exception {
        TaskOutcome.Failed refused = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new MqttTask("127.0.0.1", topic, "m", ClosedPort.find(), null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(refused.reason().startsWith("cannot connect to tcp://127.0.0.1:"), refused.reason());
        assertTrue(refused.retryable());
        TaskOutcome.Failed unknown = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new MqttTask("no-such-host.invalid", topic, "m", null, null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(unknown.reason().contains("cannot resolve host 'no-such-host.invalid'"), unknown.reason());
        MqttTaskHandler strict = new MqttTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed loopback = assertInstanceOf(
                TaskOutcome.Failed.class,
                strict.run(
                        new MqttTask("127.0.0.1", topic, "m", null, null, null, null, null, null),
                        TestTaskContext.plain()));
        assertTrue(loopback.reason().contains("non-public address 127.0.0.1"), loopback.reason());
    }
}
