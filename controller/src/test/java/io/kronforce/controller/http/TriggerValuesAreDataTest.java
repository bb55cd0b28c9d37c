package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.agents.PullAgents;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Values that arrive with a trigger are data on every path a run takes (docs/reference/variables-and-secrets.md#placeholders):
 * never a shell command, never a placeholder expanded after the fact — direct, approved, queued, pulled by an
 * agent, resumed after a restart, retried, cascaded — and a webhook takes only the parameters its job uses.
 */
class TriggerValuesAreDataTest extends ControllerPerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "hunter2-secret-value";
    private static final Map<String, Object> SNEAKY = Map.of("params", Map.of("who", "{{DB_PASS}}"));

    @BeforeEach
    void aSecretVariable() {
        TestController.Response r =
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "DB_PASS", "value", SECRET, "secret", true));
        assertEquals(201, r.status(), r::toString);
    }

    /** The README's quick-start job. */
    private String hello(Jobs job) {
        return Api.createJob(tc, job);
    }

    private static Jobs helloJob() {
        return Jobs.shell(Jobs.uniqueName("hello"), "echo hello from {{params.who}}");
    }

    private String webhook(String jobId) {
        TestController.Response r = tc.post("/api/jobs/" + jobId + "/webhook", Role.OPERATOR, null);
        assertEquals(200, r.status(), r::toString);
        return r.json().path("token").asText();
    }

    private TestController.Response callWebhook(String token, Object body) {
        return tc.send("POST", "/api/webhooks/" + token, null, TestController.JSON_TYPE, body);
    }

    private static void assertPrintedLiterally(JsonNode e) {
        assertEquals("hello from {{DB_PASS}}\n", e.path("stdout").asText(), e::toString);
    }

    @Test
    void aWebhookParameterCannotRunACommand() {
        String job = hello(helloJob());
        String token = webhook(job);

        TestController.Response r = callWebhook(token, Map.of("params", Map.of("who", "x; id >&2 $(id) `id`")));

        assertEquals(202, r.status(), r::toString);
        JsonNode e = Api.awaitStatus(tc, r.json().path("execution_id").asText(), "succeeded", WAIT);
        assertEquals("hello from x; id >&2 $(id) `id`\n", e.path("stdout").asText());
        assertFalse(e.path("stderr").asText().contains("uid="), e::toString);
        assertEquals(
                "echo hello from {{params.who}}",
                e.path("task_snapshot").path("command").asText(),
                "the row stores the task as written");
    }

    @Test
    void aParameterNeverExpandsASecretOnADirectRun() {
        String id = Api.trigger(tc, hello(helloJob()), SNEAKY);

        assertPrintedLiterally(Api.awaitStatus(tc, id, "succeeded", WAIT));
    }

    @Test
    void aParameterNeverExpandsASecretAfterApproval() {
        String job = hello(helloJob().with("approval_required", BooleanNode.TRUE));
        String token = webhook(job);
        TestController.Response r = callWebhook(token, SNEAKY);
        String id = r.json().path("execution_id").asText();
        assertEquals(
                "pending_approval",
                tc.read("/api/executions/" + id).path("status").asText());

        assertEquals(
                200,
                tc.post("/api/executions/" + id + "/approve", Role.OPERATOR, null)
                        .status());

        assertPrintedLiterally(Api.awaitStatus(tc, id, "succeeded", WAIT));
    }

    @Test
    void aParameterNeverExpandsASecretInAQueuedRun() throws Exception {
        Path gate = dir.resolve("gate");
        String job = hello(Jobs.shell(
                        Jobs.uniqueName("serial"),
                        "while [ ! -f '" + gate + "' ]; do sleep 0.05; done; echo hello from {{params.who}}")
                .with("max_concurrent", IntNode.valueOf(1))
                .with("concurrency_policy", "queue"));
        String first = Api.trigger(tc, job, Map.of("params", Map.of("who", "first")));
        await().atMost(WAIT)
                .until(() -> tc.read("/api/executions/" + first)
                        .path("status")
                        .asText()
                        .equals("running"));
        String queued = Api.trigger(tc, job, SNEAKY);
        assertEquals(
                "queued", tc.read("/api/executions/" + queued).path("status").asText());

        Files.writeString(gate, "go");

        assertPrintedLiterally(Api.awaitStatus(tc, queued, "succeeded", WAIT));
    }

    @Test
    void aParameterNeverExpandsASecretInATaskAnAgentClaims() {
        String agent = PullAgents.register(tc, "pull", List.of());
        JsonNode task = TestController.JSON.valueToTree(Map.of(
                "type",
                "custom",
                "agent_task_type",
                "py",
                "data",
                Map.of("who", "{{params.who}}", "token", "{{DB_PASS}}")));
        String job = hello(helloJob()
                .with("task", task)
                .with("target", TestController.JSON.valueToTree(Map.of("type", "agent", "agent_id", agent))));
        Api.trigger(tc, job, SNEAKY);

        JsonNode item = PullAgents.next(tc, agent, 5).json();

        assertEquals("{{DB_PASS}}", item.path("task").path("data").path("who").asText(), item::toString);
        assertEquals(SECRET, item.path("task").path("data").path("token").asText(), "the job's own secret resolves");
    }

    @Test
    void aParameterNeverExpandsASecretWhenARunResumesAfterARestart() {
        String job = hello(helloJob());
        String id = UUID.randomUUID().toString();
        tc.parts().db().write(c -> {
            try (var s = c.prepareStatement("INSERT INTO executions (id, job_id, task_snapshot_json, status, stdout,"
                    + " stderr, stdout_truncated, stderr_truncated, triggered_by_json, created_at_ms, attempt_number,"
                    + " params_json) VALUES (?,?,?,'pending','','',0,0,'{\"type\":\"api\"}',?,1,?)")) {
                s.setString(1, id);
                s.setString(2, job);
                s.setString(3, "{\"type\":\"shell\",\"command\":\"echo hello from {{params.who}}\"}");
                s.setLong(4, System.currentTimeMillis());
                s.setString(5, "{\"who\":\"{{DB_PASS}}\"}");
                return s.executeUpdate();
            }
        });

        tc.restart();

        assertPrintedLiterally(Api.awaitStatus(tc, id, "succeeded", WAIT));
    }

    @Test
    void aParameterNeverExpandsASecretInARetry() {
        String job = hello(Jobs.shell(Jobs.uniqueName("flaky"), "echo hello from {{params.who}}; exit 3")
                .with("retry_max", IntNode.valueOf(1))
                .with("retry_delay_secs", IntNode.valueOf(0)));
        Api.trigger(tc, job, SNEAKY);

        await().atMost(WAIT)
                .until(() ->
                        tc.read("/api/jobs/" + job + "/executions").path("data").findValues("attempt_number").stream()
                                        .anyMatch(n -> n.asInt() == 2)
                                && finishedRetry(job) != null);

        assertPrintedLiterally(finishedRetry(job));
    }

    private JsonNode finishedRetry(String job) {
        for (JsonNode e : tc.read("/api/jobs/" + job + "/executions").path("data")) {
            if (e.path("attempt_number").asInt() == 2 && e.hasNonNull("finished_at")) {
                return e;
            }
        }
        return null;
    }

    @Test
    void aParameterDefaultNeverExpandsASecretInACascade() {
        String source = hello(Jobs.shell(Jobs.uniqueName("source"), "true"));
        String cascaded = hello(helloJob()
                .dependsOn(source)
                .with(
                        "parameters",
                        TestController.JSON
                                .createArrayNode()
                                .add(TestController.JSON
                                        .createObjectNode()
                                        .put("name", "who")
                                        .put("default", "{{DB_PASS}}"))));

        Api.awaitStatus(tc, Api.trigger(tc, source), "succeeded", WAIT);

        await().atMost(WAIT)
                .until(() -> tc.read("/api/jobs/" + cascaded + "/executions")
                                .path("total")
                                .asInt()
                        == 1);
        String id = tc.read("/api/jobs/" + cascaded + "/executions")
                .path("data")
                .path(0)
                .path("id")
                .asText();
        assertPrintedLiterally(Api.awaitStatus(tc, id, "succeeded", WAIT));
    }

    @Test
    void aWebhookRefusesAParameterTheJobNeitherDeclaresNorUsesAndStoresNothing() {
        String used = hello(helloJob());
        String declared = hello(helloJob()
                .with(
                        "parameters",
                        TestController.JSON
                                .createArrayNode()
                                .add(TestController.JSON.createObjectNode().put("name", "who"))));

        for (String job : List.of(used, declared)) {
            JsonNode problem = assertProblem(
                    callWebhook(webhook(job), Map.of("params", Map.of("who", "me", "cmd", "rm -rf /"))), 400);

            assertTrue(problem.path("type").asText().endsWith("/undeclared-parameter"), problem::toString);
            assertTrue(problem.path("error").asText().contains("'cmd'"), problem::toString);
            assertEquals(
                    "/params/cmd",
                    problem.path("errors").path(0).path("pointer").asText(),
                    problem::toString);
            assertEquals(
                    0, tc.read("/api/jobs/" + job + "/executions").path("total").asInt());
        }
        String none = hello(Jobs.shell(Jobs.uniqueName("plain"), "echo plain"));
        assertProblem(callWebhook(webhook(none), Map.of("params", Map.of("x", "1"))), 400);
        assertEquals(202, callWebhook(webhook(none), Map.of("params", Map.of())).status());
        assertEquals(
                202,
                callWebhook(webhook(used), Map.of("params", Map.of("who", "me")))
                        .status());
    }

    @Test
    void aSqlParameterIsBoundSoItCannotChangeTheQuery() {
        Path db = dir.resolve("app.db");
        ObjectNode task = TestController.JSON
                .createObjectNode()
                .put("type", "sql")
                .put("driver", "sqlite")
                .put("connection_string", db.toString())
                .put("format", "json")
                .put("query", "SELECT {{params.who}} AS who, '{{DB_PASS}}' AS pass");
        String job = hello(helloJob().with("task", task));

        String id = Api.trigger(tc, job, Map.of("params", Map.of("who", "1 AS who, sqlite_version() AS v --")));

        JsonNode e = Api.awaitStatus(tc, id, "succeeded", WAIT);
        assertTrue(e.path("stdout").asText().contains("\"who\":\"1 AS who, sqlite_version() AS v --\""), e::toString);
        assertFalse(e.path("stdout").asText().contains(SECRET), e::toString);
    }

    @Test
    void aScriptParameterIsAStringNeverCode() {
        String evil = "x\"'`${fail('injected')}\n'); fail('injected'); print('\u2028*/";
        ObjectNode task = TestController.JSON
                .createObjectNode()
                .put("type", "script")
                .put(
                        "script",
                        "print('s ' + '{{params.who}}'); print(\"d {{params.who}}\");"
                                + " print(`t {{params.who}}`); /* {{params.who}} */ // {{params.who}}\n'end'");
        String job = hello(helloJob().with("task", task));

        String id = Api.trigger(tc, job, Map.of("params", Map.of("who", evil)));

        JsonNode e = Api.awaitTerminal(tc, id, WAIT);
        assertEquals(
                "s " + evil + "\nd " + evil + "\nt " + evil + "\nend\n",
                e.path("stdout").asText(),
                e::toString);
        assertEquals("succeeded", e.path("status").asText(), e::toString);
    }

    @Test
    void aSqlParameterInsideQuotesFailsTheRunInsteadOfBeingSpliced() {
        ObjectNode task = TestController.JSON
                .createObjectNode()
                .put("type", "sql")
                .put("driver", "sqlite")
                .put("connection_string", dir.resolve("quoted.db").toString())
                .put("query", "SELECT '{{params.who}}'");
        String job = hello(helloJob().with("task", task));

        String id = Api.trigger(tc, job, Map.of("params", Map.of("who", "x' || sqlite_version() || '")));

        JsonNode e = Api.awaitStatus(tc, id, "failed", WAIT);
        assertTrue(e.path("stderr").asText().contains("cannot be written as data where they stand"), e::toString);
        assertTrue(e.path("stderr").asText().endsWith("{{params.who}}"), e::toString);
    }
}
