package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import io.kronforce.controller.web.RouteSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Webhook URLs over loopback HTTP: issue, fire without an API key, replace, delete (docs/reference/rest.md). */
class WebhooksApiTest extends SharedControllerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static JsonNode issue(String jobId) {
        TestController.Response r = tc.post("/api/jobs/" + jobId + "/webhook", Role.OPERATOR, null);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    /** The webhook called with no credential at all. */
    private static TestController.Response call(String token, Object body) {
        return tc.send("POST", "/api/webhooks/" + token, null, body == null ? null : TestController.JSON_TYPE, body);
    }

    private static String fired(TestController.Response r) {
        assertEquals(202, r.status(), r::toString);
        return r.json().path("execution_id").asText();
    }

    @Test
    void aTokenTriggersTheJobWithoutAnApiKeyRecordingTheWebhookAsTheSource() {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("hooked"), "echo hooked"));
        JsonNode issued = issue(job);
        String token = issued.path("token").asText();
        assertTrue(token.matches("[0-9a-f]{32}"), token);
        assertEquals("/api/webhooks/" + token, issued.path("webhook_url").asText());

        TestController.Response r = call(token, null);

        String executionId = fired(r);
        assertEquals("webhook triggered", r.json().path("message").asText());
        assertEquals(job, r.json().path("job_id").asText());
        JsonNode e = Api.awaitStatus(tc, executionId, "succeeded", WAIT);
        assertEquals("webhook", e.path("triggered_by").path("type").asText());
        assertEquals(
                token.substring(0, 8),
                e.path("triggered_by").path("token_prefix").asText());
        JsonNode event = find(tc.read("/api/events?per_page=200"), "kind", "job.triggered", executionId);
        assertTrue(event.path("api_key_name").asText().startsWith("webhook " + token.substring(0, 8)), event::toString);
        find(tc.read("/api/audit-log?per_page=200"), "operation", "job.triggered", executionId);
    }

    private static JsonNode find(JsonNode page, String field, String value, String executionId) {
        return StreamSupport.stream(page.path("data").spliterator(), false)
                .filter(x -> value.equals(x.path(field).asText()))
                .filter(x -> executionId.equals(x.path("execution_id").asText())
                        || executionId.equals(x.path("details").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + value + " for " + executionId + " in " + page));
    }

    @Test
    void onlyAHashIsStoredAndJobViewsShowAPrefixNeverTheToken() throws Exception {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("hashed"), "true"));
        String token = issue(job).path("token").asText();

        String stored = tc.parts().db().read(c -> {
            try (var rs =
                    c.createStatement().executeQuery("SELECT token_hash FROM webhooks WHERE job_id='" + job + "'")) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
        assertEquals(
                HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))),
                stored);
        for (Path file : new Path[] {tc.dbFile(), Path.of(tc.dbFile() + "-wal")}) {
            if (Files.exists(file)) {
                assertFalse(
                        new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(token),
                        () -> "token in clear in " + file);
            }
        }
        JsonNode view = tc.read("/api/jobs/" + job);
        assertEquals(token.substring(0, 8), view.path("webhook_token_prefix").asText());
        assertFalse(view.toString().contains(token), view::toString);
        assertFalse(tc.read("/api/audit-log?per_page=200").toString().contains(token));
    }

    @Test
    void issuingAgainReplacesTheTokenAndDeletingRemovesIt() {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("rotated"), "true"));
        String first = issue(job).path("token").asText();
        String second = issue(job).path("token").asText();

        JsonNode gone = assertProblem(call(first, null), 404);
        fired(call(second, null));
        assertEquals(
                204, tc.delete("/api/jobs/" + job + "/webhook", Role.OPERATOR).status());

        assertEquals("invalid webhook token", gone.path("error").asText());
        assertTrue(gone.path("type").asText().endsWith("/webhook-not-found"), gone::toString);
        assertProblem(call(second, null), 404);
        assertTrue(tc.read("/api/jobs/" + job).path("webhook_token_prefix").isMissingNode());
        assertEquals(
                204, tc.delete("/api/jobs/" + job + "/webhook", Role.OPERATOR).status());
    }

    @Test
    void operatorsManageWebhooksViewersCannotAndTheCallItselfIsPublic() {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("guarded"), "true"));

        assertTrue(tc.routes()
                .containsAll(java.util.List.of(
                        new RouteSpec("POST", "/api/jobs/{id}/webhook", Access.WRITE),
                        new RouteSpec("DELETE", "/api/jobs/{id}/webhook", Access.WRITE),
                        new RouteSpec("POST", "/api/webhooks/{token}", Access.PUBLIC))));
        assertProblem(tc.post("/api/jobs/" + job + "/webhook", Role.VIEWER, null), 403);
        assertProblem(tc.delete("/api/jobs/" + job + "/webhook", Role.VIEWER), 403);
        assertProblem(tc.send("POST", "/api/jobs/" + job + "/webhook", null, null, null), 401);
    }

    @Test
    void deletingTheJobDeletesItsWebhook() {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("short-lived"), "true"));
        String token = issue(job).path("token").asText();

        assertEquals(204, tc.delete("/api/jobs/" + job, Role.OPERATOR).status());

        assertProblem(call(token, null), 404);
        assertProblem(tc.post("/api/jobs/" + job + "/webhook", Role.OPERATOR, null), 404);
    }

    @Test
    void aJobThatNeedsApprovalWaitsForItWhenCalledByWebhook() {
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("gated"), "true")
                        .with(
                                "approval_required",
                                TestController.JSON.getNodeFactory().booleanNode(true)));
        String token = issue(job).path("token").asText();

        TestController.Response r = call(token, null);

        assertEquals("job awaiting approval", r.json().path("message").asText());
        assertEquals(
                "pending_approval",
                tc.read("/api/executions/" + fired(r)).path("status").asText());
    }

    @Test
    void unknownAndMalformedTokensAre404AndTriggerNothing() {
        long before = tc.read("/api/executions?per_page=1").path("total").asLong();

        assertProblem(call("0123456789abcdef0123456789abcdef", null), 404);
        assertProblem(call("not-a-token", null), 404);
        assertProblem(call("0123456789ABCDEF0123456789ABCDEF", null), 404);

        assertEquals(before, tc.read("/api/executions?per_page=1").path("total").asLong());
    }

    @Test
    void bodyParamsAreCheckedAgainstTheJobsParameters() {
        String job = ParametersApiTest.deployJob(tc);
        String token = issue(job).path("token").asText();

        JsonNode bad = assertProblem(call(token, Map.of("params", Map.of("env", "staging"))), 400);
        assertProblem(call(token, Map.of("params", "env=dev")), 400);
        assertProblem(call(token, "[1]"), 422);
        assertEquals(
                0, tc.read("/api/jobs/" + job + "/executions").path("total").asLong());

        String id = fired(call(token, Map.of("params", Map.of("env", "dev"))));

        assertEquals(
                "parameter 'env' must be one of dev, prod", bad.path("error").asText());
        assertEquals(
                "dev 3\n",
                Api.awaitStatus(tc, id, "succeeded", WAIT).path("stdout").asText());
    }
}
