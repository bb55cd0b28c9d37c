package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.main.JsonLogFormat;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.DatabaseFiles;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * A secret variable's value and secret-bearing settings never leave the controller in clear: not
 * in any API response, not in the SQLite file or its WAL, not in a log line.
 */
@Isolated("captures every log record of the JVM through the root logger")
class SecretsTest {
    private static final String SECRET = "s3cr3t-VALUE-123";
    private static final String MASK = "\u2022".repeat(8);

    @TempDir
    Path dir;

    TestController tc;
    final List<TestController.Response> responses = new ArrayList<>();
    final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
    final Handler capture = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();
        private final JsonLogFormat json = new JsonLogFormat();

        @Override
        public void publish(LogRecord record) {
            logLines.add(format.format(record));
            logLines.add(json.format(record)); // KRONFORCE_LOG_FORMAT=json prints no more than the text line
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };
    /**
     * Everything at ALL, the root included, so debug logging is covered too: the JDK's own
     * {@code java.lang.ProcessBuilder} logger would print substituted shell command lines at
     * DEBUG, which the controller holds at INFO (the argv stays visible to {@code ps}; see GOTCHAS).
     */
    static final List<Logger> VERBOSE =
            List.of(Logger.getLogger(""), Logger.getLogger("io.kronforce"), Logger.getLogger("io.helidon"));

    private Level rootLevel;

    @BeforeEach
    void start() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        VERBOSE.forEach(l -> l.setLevel(Level.ALL));
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", "test-encryption-passphrase"));
    }

    @AfterEach
    void stopAndScanLogs() {
        tc.close();
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        VERBOSE.forEach(l -> l.setLevel(null));
        root.setLevel(rootLevel);
        assertFalse(logLines.isEmpty(), "the log capture saw nothing, so it proves nothing");
        for (String line : logLines) {
            assertFalse(
                    line.contains(SECRET) || line.contains("mailpass-999") || line.contains("sk-ai-777"),
                    () -> "a log line carries a secret: " + line);
        }
    }

    @Test
    void aSecretVariableIsMaskedInEveryResponseAndEncryptedOnDisk() throws Exception {
        TestController.Response created = record(tc.post(
                "/api/variables", Role.OPERATOR, Map.of("name", "THE_SECRET", "value", SECRET, "secret", true)));
        assertEquals(201, created.status(), created::toString);
        assertEquals(MASK, created.json().path("value").asText());
        assertTrue(created.json().path("secret").asBoolean());

        String jobId = Api.createJob(tc, Jobs.shell("leaky", "echo token={{THE_SECRET}}; echo {{THE_SECRET}} >&2"));
        String executionId = Api.trigger(tc, jobId);
        JsonNode execution = Api.awaitStatus(tc, executionId, "succeeded", Duration.ofSeconds(10));
        assertTrue(execution.path("stdout").asText().contains("token=" + MASK), execution::toString);

        try (Echo echo = new Echo()) {
            String httpJob = Api.createJob(
                    tc,
                    Jobs.http("echo-header", "get", echo.url())
                            .with(
                                    "task",
                                    TestController.JSON
                                            .createObjectNode()
                                            .put("type", "http")
                                            .put("method", "get")
                                            .put("url", echo.url())
                                            .set(
                                                    "headers",
                                                    TestController.JSON
                                                            .createObjectNode()
                                                            .put("X-Token", "{{THE_SECRET}}"))));
            String httpRun = Api.trigger(tc, httpJob);
            JsonNode run = Api.awaitStatus(tc, httpRun, "succeeded", Duration.ofSeconds(10));
            assertEquals("header=" + MASK, run.path("stdout").asText(), run::toString);
            assertEquals("header=" + SECRET, echo.lastBody, "the task itself must receive the clear value");
            record(tc.get("/api/executions/" + httpRun, Role.VIEWER));
        }

        for (Role role : List.of(Role.VIEWER, Role.ADMIN)) {
            for (String path : List.of(
                    "/api/variables",
                    "/api/variables/THE_SECRET",
                    "/api/jobs",
                    "/api/jobs/" + jobId,
                    "/api/jobs/" + jobId + "/versions",
                    "/api/jobs/" + jobId + "/executions",
                    "/api/executions",
                    "/api/executions/" + executionId,
                    "/api/events?per_page=100",
                    "/api/settings",
                    "/metrics")) {
                record(tc.get(path, role));
            }
        }
        record(tc.get("/api/audit-log?per_page=100", Role.ADMIN));
        record(tc.put("/api/variables/THE_SECRET", Role.OPERATOR, Map.of("value", SECRET + "-v2")));

        assertNoResponseCarries(SECRET);
        assertFileBytesLack(SECRET);
    }

    @Test
    void secretSettingsAreMaskedForViewerAndAdmin() throws Exception {
        String email = "{\"smtp_host\":\"127.0.0.1\",\"username\":\"ops\",\"password\":\"mailpass-999\"}";
        assertEquals(
                200,
                tc.put(
                                "/api/settings",
                                Role.ADMIN,
                                Map.of("ai_api_key", "sk-ai-777", "notification_email", email, "retention_days", "9"))
                        .status());
        for (Role role : List.of(Role.VIEWER, Role.ADMIN)) {
            JsonNode settings = record(tc.get("/api/settings", role)).json();
            assertEquals(MASK, settings.path("ai_api_key").asText(), settings::toString);
            JsonNode mail = TestController.JSON.readTree(
                    settings.path("notification_email").asText());
            assertEquals(MASK, mail.path("password").asText(), mail::toString);
            assertEquals("ops", mail.path("username").asText(), "non-secret members stay readable");
            assertEquals("9", settings.path("retention_days").asText());
        }
        // Writing the masks back (what a settings form does) keeps the stored secrets.
        JsonNode shown = tc.read("/api/settings");
        assertEquals(
                200,
                tc.put(
                                "/api/settings",
                                Role.ADMIN,
                                Map.of(
                                        "ai_api_key",
                                        shown.path("ai_api_key").asText(),
                                        "notification_email",
                                        shown.path("notification_email").asText()))
                        .status());
        assertNoResponseCarries("mailpass-999");
        assertNoResponseCarries("sk-ai-777");
        tc.close();
        assertFileBytesLack("mailpass-999"); // sealed at rest, like secret variables
        assertFileBytesLack("sk-ai-777");
        String file = Files.readString(tc.dbFile(), StandardCharsets.ISO_8859_1);
        String maskAsStored = new String(MASK.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        assertFalse(file.contains("\"password\":\"" + maskAsStored), "writing the mask back must not store the mask");
        assertTrue(file.contains("\"password\":\"enc:"), "the stored password is the sealed secret");
        tc.restart();
    }

    private TestController.Response record(TestController.Response r) {
        Api.assertNoServerError(r, "request");
        responses.add(r);
        return r;
    }

    private void assertNoResponseCarries(String plaintext) {
        assertFalse(responses.isEmpty());
        for (TestController.Response r : responses) {
            assertFalse(r.body().contains(plaintext), () -> "a response carries the secret: " + r);
            r.headers().map().values().forEach(v -> assertFalse(v.toString().contains(plaintext)));
        }
    }

    private void assertFileBytesLack(String plaintext) throws IOException {
        DatabaseFiles.assertNoneHolds(tc, plaintext);
    }

    /** A loopback server that answers {@code header=<X-Token>} and remembers what it sent. */
    private static final class Echo implements AutoCloseable {
        private final HttpServer server;
        volatile String lastBody;

        Echo() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", ex -> {
                lastBody = "header=" + ex.getRequestHeaders().getFirst("X-Token");
                byte[] out = lastBody.getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, out.length);
                ex.getResponseBody().write(out);
                ex.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/echo";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
