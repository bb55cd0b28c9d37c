package io.kronforce.task.redis;

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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/** Both task types against the local Redis (127.0.0.1:6379); every key and channel is unique to the test. */
class RedisRoundTripTest {

    private static final String URL = "redis://127.0.0.1:6379/0";
    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    private final RedisTaskHandler publish = new RedisTaskHandler(new HandlerSettings(LOOPBACK));
    private final RedisReadTaskHandler read = new RedisReadTaskHandler(new HandlerSettings(LOOPBACK));
    private Jedis redis;
    private String key;

    @BeforeEach
    void connect() {
        redis = new Jedis("127.0.0.1", 6379);
        key = "kf-test:" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() {
        redis.del(key);
        redis.close();
    }

    @Test
    void lpopAndRpopPrintOneItemPerLine() throws Exception {
        redis.rpush(key, "a", "b", "c", "d");
        TestTaskContext left = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "2")),
                read.run(new RedisReadTask(URL, key, null, 2, null, null), left));
        assertEquals("a\nb\n", left.output().stdoutText());
        TestTaskContext right = TestTaskContext.plain();
        read.run(new RedisReadTask(URL, key, "rpop", null, null, null), right);
        assertEquals("d\n", right.output().stdoutText());
        assertEquals(1, redis.llen(key));
    }

    @Test
    void missingKeyIsAnEmptySuccess() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("count", "0")),
                read.run(new RedisReadTask(URL, key, "lpop", 5, null, null), ctx));
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void xreadPrintsEntriesFromTheStartAsJsonLines() throws Exception {
        redis.xadd(key, new StreamEntryID(1, 0), Map.of("event", "say \"hi\""));
        redis.xadd(key, new StreamEntryID(2, 0), Map.of("event", "second"));
        redis.xadd(key, new StreamEntryID(3, 0), Map.of("event", "third"));
        TestTaskContext ctx = TestTaskContext.plain();
        read.run(new RedisReadTask(URL, key, "xread", 2, null, null), ctx);
        assertEquals(
                "{\"id\":\"1-0\",\"fields\":{\"event\":\"say \\\"hi\\\"\"}}\n"
                        + "{\"id\":\"2-0\",\"fields\":{\"event\":\"second\"}}\n",
                ctx.output().stdoutText());
    }

    @Test
    void publishReachesASubscriberAndSubscribeCollectsMessages() throws Exception {
        TestTaskContext listener = TestTaskContext.plain();
        BackgroundRun reader =
                BackgroundRun.start(() -> read.run(new RedisReadTask(URL, key, "subscribe", 2, null, null), listener));
        awaitSubscribers(1);
        TestTaskContext first = TestTaskContext.plain();
        assertEquals(
                new TaskOutcome.Succeeded(0, Map.of("receivers", "1")),
                publish.run(new RedisTask(URL, key, "one", null, null), first));
        assertEquals(
                "published to '" + key + "': 1 subscriber received it\n",
                first.output().stdoutText());
        publish.run(new RedisTask(URL, key, "two", null, null), TestTaskContext.plain());
        assertTrue(reader.finishes(GENEROUS));
        assertEquals(new TaskOutcome.Succeeded(0, Map.of("count", "2")), reader.result());
        assertEquals("one\ntwo\n", listener.output().stdoutText());
        awaitSubscribers(0);
    }

    @Test
    void subscribeWithoutEnoughMessagesFailsWhenItsWindowEnds() throws Exception {
        RedisReadTaskHandler impatient = new RedisReadTaskHandler(LOOPBACK, Duration.ofMillis(300));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                impatient.run(new RedisReadTask(URL, key, "subscribe", 1, null, null), TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("received 0 of 1 messages on '" + key + "'"), failed.reason());
        awaitSubscribers(0);
    }

    @Test
    void subscribeStopsAtTheDeadlineAsATimeout() {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(500));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(
                        InterruptedException.class,
                        () -> read.run(new RedisReadTask(URL, key, "subscribe", 1, null, null), ctx)));
        awaitSubscribers(0);
    }

    @Test
    void interruptEndsASubscriptionAndClosesIt() throws Exception {
        BackgroundRun reader = BackgroundRun.start(
                () -> read.run(new RedisReadTask(URL, key, "subscribe", 1, null, null), TestTaskContext.plain()));
        awaitSubscribers(1);
        reader.interrupt();
        assertTrue(reader.finishes(GENEROUS), "subscription not stopped by the interrupt");
        assertInstanceOf(InterruptedException.class, reader.result());
        awaitSubscribers(0);
    }

    @Test
    void wrongPasswordFailsWithoutPrintingIt() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(new RedisTask("redis://kf:N0tTheP4ss@127.0.0.1:6379", key, "x", null, null), ctx));
        assertEquals(1, failed.exitCode());
        assertFalse(failed.retryable());
        assertTrue(failed.reason().contains("redis://kf:****@127.0.0.1:6379/0"), failed.reason());
        assertFalse(failed.reason().contains("N0tTheP4ss"), failed.reason());
        TaskOutcome.Failed viaField = assertInstanceOf(
                TaskOutcome.Failed.class, read.run(new RedisReadTask(URL, key, null, null, "N0tTheP4ss", null), ctx));
        assertFalse(viaField.reason().contains("N0tTheP4ss"), viaField.reason());
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void refusedPortFailsRetryably() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RedisTask("redis://127.0.0.1:" + ClosedPort.find(), key, "x", null, null),
                        TestTaskContext.plain()));
        assertTrue(failed.reason().startsWith("cannot reach redis://127.0.0.1:"), failed.reason());
        assertTrue(failed.retryable());
    }

    @Test
    void unknownHostAndLoopbackUnderPublicOnlyAreRefusedBeforeConnecting() throws Exception {
        TaskOutcome.Failed unknown = assertInstanceOf(
                TaskOutcome.Failed.class,
                publish.run(
                        new RedisTask("redis://no-such-host.invalid", key, "x", null, null), TestTaskContext.plain()));
        assertTrue(unknown.reason().contains("cannot resolve host 'no-such-host.invalid'"), unknown.reason());
        RedisTaskHandler strict = new RedisTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed loopback = assertInstanceOf(
                TaskOutcome.Failed.class,
                strict.run(new RedisTask(URL, key, "x", null, null), TestTaskContext.plain()));
        assertTrue(loopback.reason().contains("non-public address 127.0.0.1"), loopback.reason());
    }

    private void awaitSubscribers(long expected) {
        await().atMost(GENEROUS).until(() -> redis.pubsubNumSub(key).getOrDefault(key, 0L) == expected);
    }
}
