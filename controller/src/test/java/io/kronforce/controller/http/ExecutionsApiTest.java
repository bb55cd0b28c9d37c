package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Triggers and what they leave behind: executions, output, events, the audit log and the live stream. */
class ExecutionsApiTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    static Path dir;

    static TestController tc;

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    @Test
    void aTriggeredShellJobSucceedsWithItsStdoutCaptured() {
        String job = Api.createJob(tc, Jobs.shell("say-hi", "echo hi"));
        TestController.Response r = tc.post("/api/jobs/" + job + "/trigger", Role.OPERATOR, null);
        assertEquals(202, r.status(), r::toString);
        assertEquals(job, r.json().path("job_id").asText());
        String id = r.json().path("execution_id").asText();
        JsonNode e = Api.awaitStatus(tc, id, "succeeded", WAIT);
        assertEquals("hi\n", e.path("stdout").asText());
        assertEquals(0, e.path("exit_code").asInt());
        assertEquals(job, e.path("job_id").asText());
        assertEquals("api", e.path("triggered_by").path("type").asText());
        assertTrue(e.path("started_at").isTextual() && e.path("finished_at").isTextual(), e::toString);
        JsonNode counts = tc.read("/api/jobs/" + job).path("execution_counts");
        assertEquals(1, counts.path("total").asInt(), counts::toString);
        assertEquals(1, counts.path("succeeded").asInt());
        assertEquals(
                id,
                tc.read("/api/jobs/" + job + "/executions")
                        .path("data")
                        .get(0)
                        .path("id")
                        .asText());
    }

    @Test
    void anHttpJobAgainstALoopbackServerSucceedsWithTheStatusAsExitCode() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ping", ex -> {
            byte[] out = "pong from loopback".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/ping";
            String id = Api.trigger(tc, Api.createJob(tc, Jobs.http("ping", "get", url)));
            JsonNode e = Api.awaitStatus(tc, id, "succeeded", WAIT);
            assertEquals(200, e.path("exit_code").asInt());
            assertEquals("pong from loopback", e.path("stdout").asText());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aJobPastItsTimeoutEndsTimedOut() {
        String id = Api.trigger(
                tc, Api.createJob(tc, Jobs.shell("too-slow", "sleep 30").timeout(1)));
        JsonNode e = Api.awaitStatus(tc, id, "timed_out", WAIT);
        assertTrue(e.path("stderr").asText().contains("timed out"), e::toString);
    }

    @Test
    void cancellingARunningJobEndsItCancelled() {
        String id = Api.trigger(tc, Api.createJob(tc, Jobs.shell("to-cancel", "sleep 30")));
        Api.awaitStatus(tc, id, "running", WAIT);
        TestController.Response r = tc.post("/api/executions/" + id + "/cancel", Role.OPERATOR, null);
        assertEquals(200, r.status(), r::toString);
        assertEquals(id, r.json().path("execution_id").asText());
        Api.awaitStatus(tc, id, "cancelled", WAIT);
    }

    @Test
    void paramsAndVariablesAreSubstituted() {
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "GREETING", "value", "hello"))
                        .status());
        String job = Api.createJob(tc, Jobs.shell("greeter", "echo {{GREETING}} {{params.who}}"));
        String id = Api.trigger(tc, job, Map.of("params", Map.of("who", "world")));
        JsonNode e = Api.awaitStatus(tc, id, "succeeded", WAIT);
        assertEquals("hello world\n", e.path("stdout").asText());
        assertEquals("world", e.path("params").path("who").asText());
    }

    @Test
    void anUnresolvedPlaceholderRecordsAFailedExecutionNamingWhatWasMissing() {
        String job = Api.createJob(tc, Jobs.shell("needs-input", "echo {{params.missing}} {{NO_SUCH_VAR}}"));
        TestController.Response r = tc.post("/api/jobs/" + job + "/trigger", Role.OPERATOR, Map.of());
        assertEquals(202, r.status(), r::toString);
        String id = r.json().path("execution_id").asText();

        JsonNode e = Api.awaitStatus(tc, id, "failed", Duration.ofSeconds(15));
        assertEquals(
                "unresolved variable reference(s): {{NO_SUCH_VAR}}, {{params.missing}}",
                e.path("stderr").asText());
        assertEquals("", e.path("stdout").asText(), "nothing ran");
        assertTrue(e.path("task_snapshot").path("command").asText().contains("{{NO_SUCH_VAR}}"), e::toString);
    }

    @Test
    void eventsRecordCreatedTriggeredAndCompletedOncePerExecution() {
        String job = Api.createJob(tc, Jobs.shell("evented", "true"));
        List<String> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            runs.add(Api.trigger(tc, job));
        }
        runs.forEach(id -> Api.awaitTerminal(tc, id, WAIT));
        List<JsonNode> mine = new ArrayList<>();
        tc.read("/api/events?per_page=100").path("data").forEach(e -> {
            if (job.equals(e.path("job_id").asText())) {
                mine.add(e);
            }
        });
        assertEquals(1, count(mine, "job.created", null), mine::toString);
        for (String id : runs) {
            assertEquals(1, count(mine, "job.triggered", id), () -> "job.triggered for " + id + " in " + mine);
            assertEquals(
                    1, count(mine, "execution.completed", id), () -> "execution.completed for " + id + " in " + mine);
        }
        assertEquals(7, mine.size(), mine::toString);
    }

    @Test
    void aStreamTicketForAnExecutionThatDoesNotExistIsRefused() {
        JsonNode problem = assertProblem(
                tc.post("/api/executions/00000000-0000-0000-0000-000000000000/stream-ticket", Role.VIEWER, null), 404);
        assertTrue(problem.path("type").asText().endsWith("execution-not-found"), problem::toString);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void theLiveStreamSendsEachLineThenDoneAndATicketWorksOnce() throws Exception {
        String id = Api.trigger(
                tc, Api.createJob(tc, Jobs.shell("slow-printer", "for i in 1 2 3; do echo line$i; sleep 0.3; done")));
        String ticket = tc.post("/api/executions/" + id + "/stream-ticket", Role.VIEWER, null)
                .json()
                .path("ticket")
                .asText();
        String streamPath = "/api/executions/" + id + "/stream?ticket=" + ticket;
        HttpResponse<Stream<String>> r = tc.client()
                .send(
                        HttpRequest.newBuilder(tc.uri(streamPath))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/event-stream"));
        List<String> lines;
        try (Stream<String> body = r.body()) {
            lines = body.filter(l -> !l.isBlank() && !l.startsWith(":")).toList();
        }
        List<String> data = lines.stream()
                .filter(l -> l.startsWith("data:"))
                .map(l -> l.substring(5).trim())
                .filter(l -> !l.isEmpty())
                .distinct()
                .toList();
        assertEquals(List.of("line1", "line2", "line3"), data, lines::toString);
        assertTrue(lines.contains("event: done") || lines.contains("event:done"), lines::toString);
        assertProblem(tc.send("GET", streamPath, null, null, null), 401);
        Api.awaitStatus(tc, id, "succeeded", WAIT);
    }

    @Test
    void theAuditLogNamesTheActingKey() {
        String job = Api.createJob(tc, Jobs.shell("audited", "true"));
        Api.trigger(tc, job);
        JsonNode created =
                tc.read("/api/audit-log?operation=job.created&per_page=100").path("data");
        JsonNode entry = null;
        for (JsonNode a : created) {
            if (job.equals(a.path("resource_id").asText())) {
                entry = a;
            }
        }
        assertTrue(entry != null, created::toString);
        assertEquals("operator", entry.path("actor_key_name").asText(), entry::toString);
        assertEquals("job.created", entry.path("operation").asText());
        JsonNode triggered = tc.read("/api/audit-log?operation=job.triggered&actor=operator&per_page=100");
        assertTrue(triggered.path("total").asInt() >= 1, triggered::toString);
        assertProblem(tc.get("/api/audit-log", Role.OPERATOR), 403);
    }

    private static long count(List<JsonNode> events, String kind, String executionId) {
        return events.stream()
                .filter(e -> e.path("kind").asText().equals(kind))
                .filter(e -> executionId == null
                        || executionId.equals(e.path("execution_id").asText()))
                .count();
    }
}
