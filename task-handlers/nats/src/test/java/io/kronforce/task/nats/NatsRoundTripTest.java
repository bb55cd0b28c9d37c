package io.kronforce.task.nats;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nats task against the local NATS server (127.0.0.1:4222); each test has subjects of its own. */
class NatsRoundTripTest {

    private static final String URL = "nats://127.0.0.1:4222";
    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final NatsTaskHandler handler = new NatsTaskHandler(new HandlerSettings(LOOPBACK));
    private final String subject = "kf.test." + UUID.randomUUID();
    private Connection nats;

    @BeforeEach
    void connect() throws Exception {
        nats = Nats.connect(URL);
    }

    @AfterEach
    void close() throws Exception {
        nats.close();
    }

    @Test
    void publishIsDeliveredToASubscriber() throws Exception {
        Subscription sub = nats.subscribe(subject);
        nats.flush(GENEROUS);
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(
                TaskOutcome.Succeeded.withExitCode(0),
                handler.run(new NatsTask(URL, subject, "hello ✓", null, null, null), ctx));
        assertEquals("published 9 bytes to '" + subject + "'\n", ctx.output().stdoutText());
        Message got = sub.nextMessage(GENEROUS);
        assertNotNull(got);
        assertEquals("hello ✓", new String(got.getData(), StandardCharsets.UTF_8));
    }

    @Test
    void requestPrintsTheReply() throws Exception {
        Dispatcher responder = nats.createDispatcher(m -> nats.publish(
                m.getReplyTo(),
                ("echo: " + new String(m.getData(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        responder.subscribe(subject);
        nats.flush(GENEROUS);
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("reply_bytes", "10")),
                handler.run(new NatsTask(URL, subject, "ping", "request", null, null), ctx));
        assertEquals("echo: ping\n", ctx.output().stdoutText());
    }

    @Test
    void requestWithoutAnyResponderFails() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(new NatsTask(URL, subject, "ping", "request", 2_000, null), TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("request on '" + subject + "' failed: "), failed.reason());
    }

    @Test
    void silentResponderFailsWhenTimeoutMsEnds() throws Exception {
        nats.subscribe(subject); // takes the request, never answers
        nats.flush(GENEROUS);
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(new NatsTask(URL, subject, "ping", "request", 300, null), TestTaskContext.plain()));
        assertEquals("no reply on '" + subject + "' within 300 ms", failed.reason());
        assertTrue(failed.retryable());
    }

    @Test
    void deadlineBeforeTimeoutMsIsATimeout() throws Exception {
        nats.subscribe(subject);
        nats.flush(GENEROUS);
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(
                        InterruptedException.class,
                        () -> handler.run(new NatsTask(URL, subject, "ping", "request", 60_000, null), ctx)));
    }

    @Test
    void interruptStopsAWaitingRequest() throws Exception {
        Subscription silent = nats.subscribe(subject);
        nats.flush(GENEROUS);
        BackgroundRun run = BackgroundRun.start(() ->
                handler.run(new NatsTask(URL, subject, "ping", "request", 60_000, null), TestTaskContext.plain()));
        assertNotNull(silent.nextMessage(GENEROUS), "the request never arrived");
        run.interrupt();
        assertTrue(run.finishes(GENEROUS), "request not stopped by the interrupt");
        assertInstanceOf(InterruptedException.class, run.result());
        await().atMost(GENEROUS).until(() -> !run.isAlive());
    }

    @Test
    void wrongPasswordIsRefusedAndNeverPrinted(@TempDir Path dir) throws Exception {
        try (PasswordServer server = PasswordServer.start(dir)) {
            String base = "127.0.0.1:" + server.port;
            assertEquals(
                    TaskOutcome.Succeeded.withExitCode(0),
                    handler.run(
                            new NatsTask(
                                    "nats://" + PasswordServer.USER + ":" + PasswordServer.PASSWORD + "@" + base,
                                    subject,
                                    "x",
                                    null,
                                    null,
                                    null),
                            TestTaskContext.plain()));
            TaskOutcome.Failed failed = assertInstanceOf(
                    TaskOutcome.Failed.class,
                    handler.run(
                            new NatsTask(
                                    "nats://" + PasswordServer.USER + ":Wr0ngPassword@" + base,
                                    subject,
                                    "x",
                                    null,
                                    null,
                                    null),
                            TestTaskContext.plain()));
            assertTrue(failed.reason().contains("nats://kf-user:****@" + base), failed.reason());
            assertFalse(failed.reason().contains("Wr0ngPassword"), failed.reason());
            assertFalse(failed.retryable(), failed.reason());
        }
    }

    @Test
    void refusedPortUnknownHostAndPublicOnlyEgressFail() throws Exception {
        TaskOutcome.Failed refused = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(
                        new NatsTask("nats://127.0.0.1:" + ClosedPort.find(), subject, "x", null, null, null),
                        TestTaskContext.plain()));
        assertTrue(refused.reason().startsWith("cannot connect to nats://127.0.0.1:"), refused.reason());
        assertTrue(refused.retryable());
        TaskOutcome.Failed unknown = assertInstanceOf(
                TaskOutcome.Failed.class,
                handler.run(
                        new NatsTask("nats://no-such-host.invalid", subject, "x", null, null, null),
                        TestTaskContext.plain()));
        assertTrue(unknown.reason().contains("cannot resolve host 'no-such-host.invalid'"), unknown.reason());
        NatsTaskHandler strict = new NatsTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed loopback = assertInstanceOf(
                TaskOutcome.Failed.class,
                strict.run(new NatsTask(URL, subject, "x", null, null, null), TestTaskContext.plain()));
        assertTrue(loopback.reason().contains("non-public address 127.0.0.1"), loopback.reason());
    }
}
