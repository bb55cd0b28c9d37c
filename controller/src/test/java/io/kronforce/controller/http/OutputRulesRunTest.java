package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Output rules applied to real runs: variables, status, events, forwards and masking (docs/reference/output-rules.md).
 */
@Isolated("listens to a logger other tests' runs also write to")
class OutputRulesRunTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MASK = "\u2022".repeat(8);

    @TempDir
    Path dir;

    TestController tc;
    final List<Receiver> receivers = new ArrayList<>();
    final ConcurrentLinkedQueue<String> forwarderLog = new ConcurrentLinkedQueue<>();
    final Logger forwarderLogger = Logger.getLogger("io.kronforce.controller.rules.OutputForwarder");
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            forwarderLog.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void start() {
        forwarderLogger.addHandler(capture);
        tc = TestController.start(dir);
    }

    @AfterEach
    void stop() {
        tc.close();
        receivers.forEach(r -> r.server.stop(0));
        forwarderLogger.removeHandler(capture);
    }

    /** A loopback HTTP server that records every body POSTed to it. */
    record Receiver(HttpServer server, ConcurrentLinkedQueue<String> bodies) {
        String url() {
            return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                    + server.getAddress().getPort() + "/hook";
        }
    }

    private Receiver receiver(String address) throws IOException {
        ConcurrentLinkedQueue<String> bodies = new ConcurrentLinkedQueue<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        Receiver r = new Receiver(server, bodies);
        receivers.add(r);
        return r;
    }

    private static JsonNode json(String text) {
        try {
            return TestController.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private List<JsonNode> events(String executionId) {
        JsonNode page = tc.read("/api/events?per_page=100");
        return StreamSupport.stream(page.path("data").spliterator(), false)
                .filter(e -> executionId.equals(e.path("execution_id").asText()))
                .toList();
    }

    private JsonNode event(String executionId, String kind) {
        List<JsonNode> found = events(executionId).stream()
                .filter(e -> kind.equals(e.path("kind").asText()))
                .toList();
        assertEquals(1, found.size(), () -> kind + " events of " + executionId + ": " + found);
        return found.get(0);
    }

    @Test
    void anExtractionLandsInTheExecutionAndInTheVariableTheNextRunSubstitutes() {
        String id = Api.createJob(
                tc, Jobs.shell("etl", "echo 'Extracted 42 records'").outputRules(json("""
                {"extractions":[{"name":"record_count","pattern":"Extracted (\\\\d+) records","type":"regex",
                                 "write_to_variable":"LAST_ETL_COUNT"}]}""")));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, id), "succeeded", WAIT);
        assertEquals(json("{\"record_count\":\"42\"}"), run.path("extracted"));
        assertEquals("Extracted 42 records\n", run.path("stdout").asText());
        assertEquals(
                "42", tc.read("/api/variables/LAST_ETL_COUNT").path("value").asText());
        JsonNode audit = tc.read("/api/audit-log?operation=variable.created")
                .path("data")
                .path(0);
        assertEquals("LAST_ETL_COUNT", audit.path("resource_id").asText());
        assertTrue(audit.path("actor_key_id").isNull(), "written by the system: " + audit);

        String reader = Api.createJob(tc, Jobs.shell("report", "echo count={{LAST_ETL_COUNT}}"));
        assertEquals(
                "count=42\n",
                Api.awaitStatus(tc, Api.trigger(tc, reader), "succeeded", WAIT)
                        .path("stdout")
                        .asText());
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/" + id,
                                Role.OPERATOR,
                                Map.of("task", Map.of("type", "shell", "command", "echo 'Extracted 7 records'")))
                        .status());
        Api.awaitStatus(tc, Api.trigger(tc, id), "succeeded", WAIT);
        assertEquals(
                "count=7\n",
                Api.awaitStatus(tc, Api.trigger(tc, reader), "succeeded", WAIT)
                        .path("stdout")
                        .asText(),
                "the variable cache must see the second write-back");
    }

    @Test
    void anOutputTargetReplacesTheStoredStdoutAndARunWithoutMatchesStoresNoExtracted() {
        String id = Api.createJob(
                tc,
                Jobs.shell("json", "echo '{\"items\":[{\"n\":\"a\",\"v\":1},{\"n\":\"b\",\"v\":9}]}'")
                        .outputRules(json("""
                        {"extractions":[{"name":"big","pattern":"$.items[?(@.v > 5)].n","type":"jsonpath","target":"output"},
                                        {"name":"none","pattern":"$.missing","type":"jsonpath"}]}""")));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, id), "succeeded", WAIT);
        assertEquals("big: b", run.path("stdout").asText());
        assertEquals(json("{\"big\":\"b\"}"), run.path("extracted"));

        String plain = Api.createJob(tc, Jobs.shell("plain", "echo nothing").outputRules(json("""
                {"extractions":[{"name":"x","pattern":"id=(\\\\d+)","type":"regex"}]}""")));
        assertTrue(Api.awaitStatus(tc, Api.trigger(tc, plain), "succeeded", WAIT)
                .path("extracted")
                .isNull());
    }

    @Test
    void aFailedAssertionFailsTheRunBeforeItIsRecordedAndTheEventSaysError() {
        String id = Api.createJob(
                tc,
                Jobs.shell("partial", "echo 'extract partial'; echo warn >&2").outputRules(json("""
                {"assertions":[{"pattern":"complete","message":"Extract did not complete"},{"pattern":"extract"}]}""")));
        String executionId = Api.trigger(tc, id);
        JsonNode run = Api.awaitStatus(tc, executionId, "failed", WAIT);
        assertEquals(0, run.path("exit_code").asInt());
        assertEquals(
                "warn\n\n[assertion failed] Extract did not complete",
                run.path("stderr").asText());
        JsonNode completed = event(executionId, "execution.completed");
        assertEquals("error", completed.path("severity").asText(), completed::toString);
        assertTrue(completed.path("message").asText().endsWith("finished: Failed"), completed::toString);
    }

    @Test
    void aPassingAssertionLeavesASuccess() {
        String id =
                Api.createJob(tc, Jobs.shell("whole", "echo 'extract complete'").outputRules(json("""
                {"assertions":[{"pattern":"compl(ete|eted)"}]}""")));
        String executionId = Api.trigger(tc, id);
        assertEquals(
                "",
                Api.awaitStatus(tc, executionId, "succeeded", WAIT)
                        .path("stderr")
                        .asText());
        assertEquals(
                "success",
                event(executionId, "execution.completed").path("severity").asText());
    }

    @Test
    void aMatchingTriggerRuleWritesOneOutputMatchedEvent() {
        String id = Api.createJob(
                tc,
                Jobs.shell("noisy", "echo fine; echo 'FATAL: disk full' >&2").outputRules(json("""
                {"triggers":[{"pattern":"ERROR|FATAL","severity":"error"},{"pattern":"never printed","severity":"warning"}]}""")));
        String executionId = Api.trigger(tc, id);
        Api.awaitStatus(tc, executionId, "succeeded", WAIT);
        JsonNode matched = event(executionId, "output.matched");
        assertEquals("error", matched.path("severity").asText());
        assertEquals(id, matched.path("job_id").asText());
        assertEquals(
                "Output pattern matched: 'ERROR|FATAL' in job 'noisy'",
                matched.path("message").asText());
    }

    @Test
    void aForwardReachesAnAllowedLoopbackReceiverWithTheRecordedResult() throws IOException {
        Receiver hook = receiver("127.0.0.1");
        String id = Api.createJob(
                tc,
                Jobs.shell("forwarded", "echo hello").outputRules(json("{\"forward_url\":\"" + hook.url() + "\"}")));
        String executionId = Api.trigger(tc, id);
        Api.awaitStatus(tc, executionId, "succeeded", WAIT);
        Awaitility.await("forward").atMost(WAIT).until(() -> !hook.bodies().isEmpty());
        JsonNode body = json(hook.bodies().peek());
        assertEquals(id, body.path("job_id").asText());
        assertEquals(executionId, body.path("execution_id").asText());
        assertEquals("succeeded", body.path("status").asText());
        assertEquals(0, body.path("exit_code").asInt());
        assertEquals("hello\n", body.path("stdout").asText());
        assertEquals("", body.path("stderr").asText());
        assertTrue(
                body.path("started_at").asText().endsWith("Z")
                        && body.path("finished_at").asText().endsWith("Z"),
                body::toString);
    }

    @Test
    void aForwardToAnAddressOutsideTheEgressAllowListSendsNothing() throws IOException {
        Receiver refused = receiver("127.0.0.2"); // loopback, but KRONFORCE_EGRESS_ALLOW is 127.0.0.1/32
        String id = Api.createJob(
                tc,
                Jobs.shell("refused", "echo hello").outputRules(json("{\"forward_url\":\"" + refused.url() + "\"}")));
        String executionId = Api.trigger(tc, id);
        Api.awaitStatus(tc, executionId, "succeeded", WAIT);
        Awaitility.await("refusal logged")
                .atMost(WAIT)
                .until(() ->
                        forwarderLog.stream().anyMatch(line -> line.contains(executionId) && line.contains("refused")));
        assertTrue(refused.bodies().isEmpty(), "nothing may reach a refused address");
    }

    @Test
    void secretsAreMaskedBeforeRulesSeeTheOutput() throws IOException {
        String secret = "s3cr3t-rules-value";
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "TOKEN", "value", secret, "secret", true))
                        .status());
        Receiver hook = receiver("127.0.0.1");
        String id = Api.createJob(
                tc, Jobs.shell("leaky", "echo token={{TOKEN}}").outputRules(json("""
                {"extractions":[{"name":"token","pattern":"token=(\\\\S+)","type":"regex","write_to_variable":"COPIED"}],
                 "triggers":[{"pattern":"s3cr3t","severity":"error"}],
                 "forward_url":"%s"}""".formatted(hook.url()))));
        String executionId = Api.trigger(tc, id);
        JsonNode run = Api.awaitStatus(tc, executionId, "succeeded", WAIT);
        assertEquals(json("{\"token\":\"" + MASK + "\"}"), run.path("extracted"));
        assertEquals(MASK, tc.read("/api/variables/COPIED").path("value").asText());
        assertTrue(events(executionId).stream()
                .noneMatch(e -> e.path("kind").asText().equals("output.matched")));
        Awaitility.await("forward").atMost(WAIT).until(() -> !hook.bodies().isEmpty());
        assertFalse(hook.bodies().peek().contains(secret), hook.bodies()::toString);
    }
}
