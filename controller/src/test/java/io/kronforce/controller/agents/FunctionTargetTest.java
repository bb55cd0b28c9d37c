package io.kronforce.controller.agents;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The controller-side function runtime: signed dispatches to an HTTP function, results by answer or callback. */
class FunctionTargetTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String SECRET = "fn-s3cret-value";

    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir);
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "FN_SECRET", "value", SECRET, "secret", true))
                        .status());
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    private static ObjectNode target(String url, String secret) {
        return TestController.JSON
                .createObjectNode()
                .put("type", "function")
                .put("url", url)
                .put("secret", secret);
    }

    private String functionJob(String url) {
        return Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("fn"), "echo hi").with("target", target(url, "{{FN_SECRET}}")));
    }

    @Test
    void aSynchronousFunctionGetsASignedDispatchAndItsAnswerIsTheResult() throws Exception {
        try (LoopbackFunction fn = LoopbackFunction.synchronous(SECRET)) {
            String job = functionJob(fn.url());
            String execution = Api.trigger(tc, job);
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("succeeded", row.path("status").asText(), row::toString);
            assertEquals("ran: echo hi\n", row.path("stdout").asText());
            JsonNode dispatch = fn.dispatches.getFirst();
            assertEquals(execution, dispatch.path("execution_id").asText());
            assertEquals("shell", dispatch.path("task").path("type").asText());
            assertTrue(dispatch.path("callback_url").asText().contains("/api/callbacks/execution-result?lease="));
            assertEquals(
                    "{{FN_SECRET}}",
                    tc.read("/api/jobs/" + job).path("target").path("secret").asText());
            assertFalse(tc.read("/api/jobs/" + job).toString().contains(SECRET));
        }
    }

    @Test
    void aFunctionAnswering202ReportsThroughTheCallbackOnce() throws Exception {
        try (LoopbackFunction fn = LoopbackFunction.callingBack(SECRET, tc.key(Role.AGENT))) {
            String execution = Api.trigger(tc, functionJob(fn.url()));
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("succeeded", row.path("status").asText(), row::toString);
            assertEquals("ran: echo hi\n", row.path("stdout").asText());
            await().atMost(WAIT).until(() -> fn.callbackStatuses.size() == 2);
            assertEquals(List.of(200, 200), fn.callbackStatuses, "the same result again is answered as the first time");
            assertEquals(
                    "ran: echo hi\n",
                    tc.read("/api/executions/" + execution).path("stdout").asText());
        }
    }

    @Test
    void aFunctionRefusingTheSignatureFailsTheRunWithTheReason() throws Exception {
        try (LoopbackFunction fn = LoopbackFunction.synchronous("another-secret")) {
            String execution = Api.trigger(tc, functionJob(fn.url()));
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("failed", row.path("status").asText());
            assertEquals("function rejected: HTTP 401", row.path("stderr").asText());
            assertTrue(fn.dispatches.isEmpty());
        }
    }

    @Test
    void aFunctionTheEgressPolicyRefusesIsNeverCalled() {
        String execution = Api.trigger(tc, functionJob("http://10.1.2.3:9/run"));
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("failed", row.path("status").asText());
        assertTrue(row.path("stderr").asText().startsWith("dispatch failed:"), row::toString);
    }

    @Test
    void anUnsetSecretVariableFailsTheRunAndALiteralSecretOrBadUrlIsRefused() {
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("fn"), "true")
                        .with("target", target("http://127.0.0.1:9/run", "{{NO_SUCH_SECRET}}")));
        JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("failed", row.path("status").asText());
        assertTrue(row.path("stderr").asText().contains("{{NO_SUCH_SECRET}} is not set"), row::toString);

        JsonNode literal = assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell(Jobs.uniqueName("fn"), "true")
                                .with("target", target("http://127.0.0.1:9/run", SECRET))
                                .json()),
                400);
        assertTrue(literal.path("error").asText().contains("variable reference"), literal::toString);
        assertFalse(literal.toString().contains(SECRET), "the refused secret is not echoed");
        assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell(Jobs.uniqueName("fn"), "true")
                                .with("target", target("ftp://127.0.0.1/run", "{{FN_SECRET}}"))
                                .json()),
                400);
    }
}
