package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/scripts} (docs/reference/rest.md#variables-connections-scripts) and stored scripts reaching the runs that
 * name them.
 */
class ScriptsApiTest extends ControllerPerTest {

    private TestController.Response save(String name, Map<String, Object> body) {
        return tc.put("/api/scripts/" + name, Role.OPERATOR, body);
    }

    @Test
    void putGetListAndDeleteWithUpstreamsShapesEventsAndAudit() {
        TestController.Response saved = save("nightly", Map.of("code", "print('héllo')"));
        assertEquals(200, saved.status(), saved::toString);
        assertEquals("ok", saved.json().path("status").asText());
        assertEquals("nightly", saved.json().path("name").asText());
        assertEquals(
                200,
                save("base-image", Map.of("code", "FROM alpine:3", "script_type", "dockerfile"))
                        .status());

        JsonNode one = tc.read("/api/scripts/nightly");
        assertEquals("rhai", one.path("script_type").asText());
        assertEquals("print('héllo')", one.path("code").asText());
        assertEquals(15, one.path("size").asInt(), "size counts UTF-8 bytes");
        JsonNode list = tc.get("/api/scripts", Role.VIEWER).json();
        assertEquals(2, list.size());
        assertEquals("base-image", list.get(0).path("name").asText());
        assertEquals("dockerfile", list.get(0).path("script_type").asText());
        assertTrue(list.get(1).path("modified").asText().endsWith("Z"), list::toString);
        assertTrue(list.get(1).path("code").isMissingNode(), "the list carries no code");

        assertEquals(200, save("nightly", Map.of("code", "print(2)")).status());
        assertEquals("print(2)", tc.read("/api/scripts/nightly").path("code").asText());
        assertEquals(200, save("base-image", Map.of("code", "FROM debian")).status());
        assertEquals(
                "dockerfile",
                tc.read("/api/scripts/base-image").path("script_type").asText(),
                "a save without script_type keeps the stored type");

        assertEquals(204, tc.delete("/api/scripts/nightly", Role.OPERATOR).status());
        assertEquals(
                "script 'nightly' not found",
                assertProblem(tc.get("/api/scripts/nightly", Role.VIEWER), 404)
                        .path("error")
                        .asText());
        assertProblem(tc.delete("/api/scripts/nightly", Role.OPERATOR), 404);

        assertEquals(4, count(tc.read("/api/events?per_page=100").path("data"), "kind", "script.saved"));
        assertEquals(1, count(tc.read("/api/events?per_page=100").path("data"), "kind", "script.deleted"));
        JsonNode audit = tc.read("/api/audit-log?per_page=100").path("data");
        assertEquals(4, count(audit, "operation", "script.saved"));
        assertEquals(1, count(audit, "operation", "script.deleted"));
    }

    @Test
    void badInputIsA4xxProblemWithUpstreamsErrorMember() {
        assertTrue(assertProblem(save("bad.name", Map.of("code", "x")), 400)
                .path("error")
                .asText()
                .contains("name"));
        assertProblem(save("ok", Map.of("script_type", "rhai")), 400);
        assertProblem(save("ok", Map.of("code", 12)), 422);
        assertProblem(save("ok", Map.of("code", "x", "script_type", "python")), 400);
        assertEquals(
                "script exceeds 1MB size limit",
                assertProblem(save("big", Map.of("code", "x".repeat(1024 * 1024 + 1))), 400)
                        .path("error")
                        .asText());
        assertProblem(tc.put("/api/scripts/ok", Role.VIEWER, Map.of("code", "x")), 403);
    }

    @Test
    void aScriptJobRunsTheStoredCodeAndItsSnapshotKeepsOnlyTheName() {
        assertEquals(
                200,
                save("report", Map.of("code", "print('rows', 3 * 4); 'done'")).status());
        String job = Api.createJob(
                tc,
                Jobs.shell("scripted", "true")
                        .with(
                                "task",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "script")
                                        .put("script_name", "report")));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(20));
        assertEquals("rows 12\ndone", run.path("stdout").asText().strip());
        assertEquals("report", run.path("task_snapshot").path("script_name").asText());
        assertTrue(run.path("task_snapshot").path("script").isMissingNode(), run::toString);

        assertEquals(200, save("report", Map.of("code", "fail('edited')")).status());
        JsonNode edited = Api.awaitStatus(tc, Api.trigger(tc, job), "failed", Duration.ofSeconds(20));
        assertEquals("edited", edited.path("stderr").asText(), "each run reads the current code");
    }

    @Test
    void aMissingOrWronglyTypedStoredScriptFailsTheRunWithTheReason() {
        String job = Api.createJob(
                tc,
                Jobs.shell("orphan", "true")
                        .with(
                                "task",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "script")
                                        .put("script_name", "gone")));
        JsonNode failed = Api.awaitStatus(tc, Api.trigger(tc, job), "failed", Duration.ofSeconds(20));
        assertEquals("rhai script 'gone' not found", failed.path("stderr").asText());

        save("not-code", Map.of("code", "FROM alpine", "script_type", "dockerfile"));
        String wrong = Api.createJob(
                tc,
                Jobs.shell("wrong-kind", "true")
                        .with(
                                "task",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "script")
                                        .put("script_name", "not-code")));
        assertEquals(
                "rhai script 'not-code' not found",
                Api.awaitStatus(tc, Api.trigger(tc, wrong), "failed", Duration.ofSeconds(20))
                        .path("stderr")
                        .asText());

        String build = Api.createJob(
                tc,
                Jobs.shell("image", "true")
                        .with(
                                "task",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "docker_build")
                                        .put("script_name", "no-such-dockerfile")));
        assertEquals(
                "dockerfile script 'no-such-dockerfile' not found",
                Api.awaitStatus(tc, Api.trigger(tc, build), "failed", Duration.ofSeconds(20))
                        .path("stderr")
                        .asText());
    }

    @Test
    void anInlineScriptWithASyntaxErrorIsRefusedAtCreationWithAPointer() {
        TestController.Response r = tc.post(
                "/api/jobs",
                Role.OPERATOR,
                Jobs.shell("broken", "true")
                        .with(
                                "task",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "script")
                                        .put("script", "let = ;"))
                        .json());
        JsonNode problem = assertProblem(r, 422); // handler check() problems are 422 with a pointer
        assertTrue(problem.toString().contains("/task/script"), problem::toString);
    }

    @Test
    void aRunningScriptIsCancelledAndOnePastItsTimeoutTimesOut() {
        assertEquals(
                200,
                save("spin", Map.of("code", "print('started'); while (true) {}"))
                        .status());
        ObjectNode spin = TestController.JSON
                .createObjectNode()
                .put("type", "script")
                .put("script_name", "spin")
                .put("max_operations", 1_000_000_000L);
        String id =
                Api.trigger(tc, Api.createJob(tc, Jobs.shell("spinner", "true").with("task", spin)));
        Api.awaitStatus(tc, id, "running", Duration.ofSeconds(20));
        assertEquals(
                200,
                tc.post("/api/executions/" + id + "/cancel", Role.OPERATOR, null)
                        .status());
        assertEquals(
                "job cancelled by user",
                Api.awaitStatus(tc, id, "cancelled", Duration.ofSeconds(20))
                        .path("stderr")
                        .asText()
                        .strip());

        String timed = Api.trigger(
                tc,
                Api.createJob(
                        tc, Jobs.shell("spinner-2", "true").with("task", spin).timeout(1)));
        JsonNode out = Api.awaitStatus(tc, timed, "timed_out", Duration.ofSeconds(20));
        assertEquals("job timed out after 1s", out.path("stderr").asText().strip());
    }

    private static long count(JsonNode rows, String field, String value) {
        return StreamSupport.stream(rows.spliterator(), false)
                .filter(n -> n.path(field).asText().equals(value))
                .count();
    }
}
