package io.kronforce.task.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTaskHandlerTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    /** Opens exactly the loopback address the test servers listen on. */
    private static final EgressPolicy LOOPBACK_ONLY = EgressPolicy.parse("127.0.0.1/32");

    private final HttpTaskHandler handler = new HttpTaskHandler(new HandlerSettings(LOOPBACK_ONLY));
    private RecordingServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RecordingServer.start("127.0.0.1");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void getSendsHeadersAndWritesTheBodyToStdout() throws Exception {
        server.reply("/hello", 200, "hi there ✓");
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(task("get", "/hello", Map.of("X-Trace", "abc"), null, null), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome);
        assertEquals("hi there ✓", ctx.output().stdoutText());
        RecordingServer.Recorded request = server.requests().get(0);
        assertEquals("GET", request.method());
        assertEquals("abc", request.header("X-Trace"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "PUT", "Delete"})
    void methodsWithBodiesAreSentAsIs(String method) throws Exception {
        server.reply("/thing", 201, "");
        TaskOutcome outcome = handler.run(
                task(method, "/thing", Map.of("Content-Type", "application/json"), "{\"a\":1}", null),
                TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(201), outcome);
        RecordingServer.Recorded request = server.requests().get(0);
        assertEquals(method.toUpperCase(Locale.ROOT), request.method());
        assertEquals("{\"a\":1}", request.body());
        assertEquals("application/json", request.header("Content-Type"));
    }

    @Test
    void percentEncodedUrlIsSentAsWritten() throws Exception {
        server.reply("/a b", 200, "");
        TaskOutcome outcome = handler.run(task("get", "/a%20b?q=x%26y&r=%C3%A9"), TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome);
        assertEquals("/a%20b?q=x%26y&r=%C3%A9", server.requests().get(0).rawTarget());
    }

    @Test
    void restrictedHeadersAreSkippedNotFatal() throws Exception {
        server.reply("/h", 200, "");
        TaskOutcome outcome = handler.run(
                task("get", "/h", Map.of("Host", "evil.example", "Connection", "close"), null, null),
                TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome);
        assertFalse(server.requests().get(0).header("Host").contains("evil"));
    }

    @Test
    void serverErrorFailsRetryably() throws Exception {
        server.reply("/boom", 500, "oops");
        TestTaskContext ctx = TestTaskContext.plain();
        assertEquals(new TaskOutcome.Failed(500, "HTTP 500", true), handler.run(task("get", "/boom"), ctx));
        assertEquals("oops", ctx.output().stdoutText());
    }

    @Test
    void clientErrorsFailWithoutRetryExceptTooManyRequests() throws Exception {
        server.reply("/slow-down", 429, "");
        assertEquals(
                new TaskOutcome.Failed(404, "HTTP 404", false),
                handler.run(task("get", "/missing"), TestTaskContext.plain()));
        assertEquals(
                new TaskOutcome.Failed(429, "HTTP 429", true),
                handler.run(task("get", "/slow-down"), TestTaskContext.plain()));
    }

    @Test
    void expectedNon2xxStatusSucceeds() throws Exception {
        TaskOutcome outcome = handler.run(task("get", "/missing", Map.of(), null, 404), TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(404), outcome);
    }

    @Test
    void unexpectedStatusFailsWithAReason() throws Exception {
        server.reply("/ok", 200, "");
        TaskOutcome outcome = handler.run(task("get", "/ok", Map.of(), null, 201), TestTaskContext.plain());
        assertEquals(new TaskOutcome.Failed(200, "expected status 201, got 200", false), outcome);
    }

    @Test
    void redirectIsFollowedAndPostBecomesGet() throws Exception {
        server.reply("/old", 302, "", "Location", "/new").reply("/new", 200, "done");
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome outcome = handler.run(task("post", "/old", Map.of(), "payload", null), ctx);
        assertEquals(TaskOutcome.Succeeded.withExitCode(200), outcome);
        assertEquals("done", ctx.output().stdoutText());
        List<RecordingServer.Recorded> requests = server.requests();
        assertEquals(
                List.of("POST /old", "GET /new"),
                requests.stream().map(r -> r.method() + " " + r.path()).toList());
        assertEquals("", requests.get(1).body());
    }

    @Test
    void temporaryRedirectKeepsMethodAndBody() throws Exception {
        server.reply("/old", 307, "", "Location", server.uri("/new").toString()).reply("/new", 200, "");
        handler.run(task("post", "/old", Map.of(), "payload", null), TestTaskContext.plain());
        RecordingServer.Recorded second = server.requests().get(1);
        assertEquals("POST", second.method());
        assertEquals("payload", second.body());
    }

    @Test
    void expectedRedirectStatusIsNotFollowed() throws Exception {
        server.reply("/old", 301, "", "Location", "/new");
        TaskOutcome outcome = handler.run(task("get", "/old", Map.of(), null, 301), TestTaskContext.plain());
        assertEquals(TaskOutcome.Succeeded.withExitCode(301), outcome);
        assertEquals(1, server.requests().size());
    }

    @Test
    void credentialsDoNotFollowARedirectToAnotherOrigin() throws Exception {
        try (RecordingServer other = RecordingServer.start("127.0.0.1")) {
            other.reply("/landing", 200, "");
            server.reply("/go", 302, "", "Location", other.uri("/landing").toString());
            handler.run(
                    task("get", "/go", Map.of("Authorization", "Bearer s3cret", "X-Keep", "1"), null, null),
                    TestTaskContext.plain());
            RecordingServer.Recorded landed = other.requests().get(0);
            assertNull(landed.header("Authorization"));
            assertEquals("1", landed.header("X-Keep"));
            assertEquals("Bearer s3cret", server.requests().get(0).header("Authorization"));
        }
    }

    @Test
    void redirectLoopStopsAfterFiveHops() throws Exception {
        server.reply("/loop", 302, "", "Location", "/loop");
        TaskOutcome outcome = handler.run(task("get", "/loop"), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertEquals(302, failed.exitCode());
        assertTrue(failed.reason().contains("too many redirects"), failed.reason());
        assertEquals(1 + HttpTaskHandler.MAX_REDIRECTS, server.requests().size());
    }

    @Test
    void publicOnlyPolicyRefusesLoopbackWithoutSending() throws Exception {
        HttpTaskHandler strict = new HttpTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        server.reply("/x", 200, "");
        TaskOutcome outcome = strict.run(task("get", "/x"), TestTaskContext.plain());
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
        assertNull(failed.exitCode());
        assertTrue(failed.reason().startsWith("HTTP request refused: "), failed.reason());
        assertFalse(failed.retryable());
        assertEquals(0, server.requests().size());
    }

    @Test
    void redirectToARefusedAddressIsNotFollowed() throws Exception {
        try (RecordingServer forbidden = RecordingServer.start("127.0.0.2")) {
            server.reply("/jump", 302, "", "Location", forbidden.uri("/secret").toString());
            TaskOutcome outcome = handler.run(task("get", "/jump"), TestTaskContext.plain());
            TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, outcome);
            assertTrue(failed.reason().startsWith("HTTP request refused: "), failed.reason());
            assertEquals(1, server.requests().size());
            assertEquals(0, forbidden.requests().size());
        }
    }

    @Test
    void transportErrorFailsRetryably() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        HttpTask task = new HttpTask("get", "http://127.0.0.1:" + closedPort + "/", null, null, null, null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertNull(failed.exitCode());
        assertTrue(failed.reason().startsWith("HTTP request failed: "), failed.reason());
        assertTrue(failed.retryable());
    }

    /** Runs are virtual threads in the controller; a platform caller must be stoppable too. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void interruptAbortsAHangingRequest(boolean virtual) throws Exception {
        server.hang("/never");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread.Builder builder = virtual ? Thread.ofVirtual() : Thread.ofPlatform();
        Thread runner = builder.start(() -> {
            try {
                handler.run(task("get", "/never"), TestTaskContext.plain());
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        await().atMost(QUICK).until(() -> server.requests().size() == 1);
        runner.interrupt();
        assertTrue(runner.join(Duration.ofSeconds(2)), "request not aborted by the interrupt");
        assertInstanceOf(InterruptedException.class, thrown.get());
    }

    @Test
    void deadlineCuttingTheRequestIsATimeoutNotAFailure() {
        server.hang("/never");
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(300));
        assertTimeoutPreemptively(
                QUICK, () -> assertThrows(InterruptedException.class, () -> handler.run(task("get", "/never"), ctx)));
    }

    @Test
    void deadlineAlreadyPassedSendsNothing() {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().minusSeconds(1));
        assertThrows(InterruptedException.class, () -> handler.run(task("get", "/x"), ctx));
        assertEquals(0, server.requests().size());
    }

    @Test
    void defaultTimeoutIsAnOrdinaryFailure() throws Exception {
        server.hang("/never");
        HttpTaskHandler impatient = new HttpTaskHandler(LOOPBACK_ONLY, Duration.ofMillis(200));
        TaskOutcome outcome =
                assertTimeoutPreemptively(QUICK, () -> impatient.run(task("get", "/never"), TestTaskContext.plain()));
        assertEquals(new TaskOutcome.Failed(null, "HTTP request failed: timed out", true), outcome);
    }

    private HttpTask task(String method, String path) {
        return task(method, path, Map.of(), null, null);
    }

    private HttpTask task(String method, String path, Map<String, String> headers, String body, Integer expect) {
        return new HttpTask(method, server.uri(path).toString(), headers, body, expect, null);
    }
}
