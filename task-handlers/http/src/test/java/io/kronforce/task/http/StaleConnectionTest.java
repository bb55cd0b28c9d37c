package io.kronforce.task.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A pooled connection the server has closed must never fail a run, nor make a POST go twice. */
class StaleConnectionTest {

    private final HttpTaskHandler handler =
            new HttpTaskHandler(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    @Test
    void getsInARowAllSucceedWhenTheServerClosesEveryConnectionAfterOneAnswer() throws Exception {
        try (ClosingServer server = ClosingServer.answering(1)) {
            for (int i = 0; i < 20; i++) {
                assertEquals(
                        TaskOutcome.Succeeded.withExitCode(200), handler.run(get(server), TestTaskContext.plain()));
            }
            int dead = server.received().size() - server.answered();
            assertEquals(20, server.answered());
            assertTrue(dead >= 1, "no GET went out on a dead pooled connection, so nothing was tested");
            assertTrue(dead <= 20, "a GET was resent more than once: " + dead + " unanswered");
        }
    }

    @Test
    void concurrentGetsAllSucceedWhenTheServerClosesEveryConnectionAfterTwoAnswers() throws Exception {
        try (ClosingServer server = ClosingServer.answering(2);
                ExecutorService runs = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<TaskOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                outcomes.add(runs.submit(() -> handler.run(get(server), TestTaskContext.plain())));
            }
            for (Future<TaskOutcome> outcome : outcomes) {
                assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome.get());
            }
            assertEquals(64, server.answered());
            assertTrue(server.received().size() - server.answered() <= 64, "a GET was resent more than once");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"get", "put", "delete"})
    void anIdempotentRequestIsResentOnceAndNoMore(String method) throws Exception {
        try (ClosingServer server = ClosingServer.answering(0)) {
            HttpTask task = new HttpTask(method, server.uri("/x").toString(), null, null, null, null);
            TaskOutcome.Failed failed = failedRun(task);
            assertEquals("HTTP request failed: connection closed by the server before it answered", failed.reason());
            assertTrue(failed.retryable());
            List<ClosingServer.Received> received = server.received();
            assertEquals(2, received.size());
            assertEquals(method.toUpperCase(Locale.ROOT), received.get(1).method());
            assertEquals("close", received.get(1).connectionHeader(), "the resend must use a fresh connection");
        }
    }

    @Test
    void postsAreSentOnceEachOnAFreshConnection() throws Exception {
        try (ClosingServer server = ClosingServer.answering(1)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(
                        TaskOutcome.Succeeded.withExitCode(200), handler.run(post(server), TestTaskContext.plain()));
            }
            List<ClosingServer.Received> received = server.received();
            assertEquals(5, received.size());
            assertEquals(
                    5,
                    received.stream()
                            .map(ClosingServer.Received::connection)
                            .distinct()
                            .count());
            assertTrue(received.stream()
                    .allMatch(r ->
                            r.connectionHeader().equals("close") && r.body().equals("go")));
        }
    }

    @Test
    void aPostTheServerDropsFailsAndIsNotResent() throws Exception {
        try (ClosingServer server = ClosingServer.answering(0)) {
            TaskOutcome.Failed failed = failedRun(post(server));
            assertEquals("HTTP request failed: connection closed by the server before it answered", failed.reason());
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void nothingIsResentOnceTheStatusLineArrived() throws Exception {
        try (ClosingServer server = ClosingServer.replyingThenClosing("HTTP/1.1 200 OK\r\n")) {
            TaskOutcome.Failed failed = failedRun(get(server));
            assertTrue(failed.reason().startsWith("HTTP request failed: "), failed.reason());
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void anAnswerThatIsNotHttpFailsTheRunAsAnHttpFailure() throws Exception {
        try (ClosingServer server = ClosingServer.replyingThenClosing("SSH-2.0-OpenSSH_9.6\r\n\r\n")) {
            TaskOutcome.Failed failed = failedRun(get(server));
            assertTrue(failed.reason().startsWith("HTTP request failed: "), failed.reason());
            assertTrue(failed.retryable());
            assertEquals(1, server.received().size());
        }
    }

    @Test
    void aServerThatIsDownFailsWithAClearReason() throws Exception {
        int port = ClosedPort.find();
        HttpTask task = new HttpTask("get", "http://127.0.0.1:" + port + "/", null, null, null, null);
        TaskOutcome.Failed failed = failedRun(task);
        assertNull(failed.exitCode());
        assertTrue(
                failed.reason().startsWith("HTTP request failed: ")
                        && failed.reason().contains("refused"),
                failed.reason());
        assertTrue(failed.retryable());
    }

    private TaskOutcome.Failed failedRun(HttpTask task) throws InterruptedException {
        return assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
    }

    private static HttpTask get(ClosingServer server) {
        return new HttpTask("get", server.uri("/ok").toString(), null, null, null, null);
    }

    private static HttpTask post(ClosingServer server) {
        return new HttpTask("post", server.uri("/hook").toString(), null, "go", null, null);
    }
}
