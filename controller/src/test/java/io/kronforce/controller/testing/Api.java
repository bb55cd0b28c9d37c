package io.kronforce.controller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;

/** Assertions and waits shared by the HTTP tests. */
public final class Api {
    public static final Set<String> TERMINAL = Set.of("succeeded", "failed", "timed_out", "cancelled", "skipped");

    private Api() {}

    /** An RFC 9457 body with upstream's {@code error} member and the given status. */
    public static JsonNode assertProblem(TestController.Response r, int status) {
        assertEquals(status, r.status(), () -> "status of " + r);
        assertTrue(r.contentType().startsWith("application/problem+json"), () -> "content type of " + r);
        JsonNode body = r.json();
        assertTrue(body.path("type").isTextual(), () -> "type in " + r);
        assertTrue(body.path("title").isTextual(), () -> "title in " + r);
        assertEquals(status, body.path("status").asInt(), () -> "status member in " + r);
        assertTrue(
                body.path("error").isTextual() && !body.path("error").asText().isEmpty(), () -> "error in " + r);
        return body;
    }

    public static void assertNoServerError(TestController.Response r, String what) {
        assertTrue(r.status() < 500, () -> what + " answered " + r);
    }

    /** Creates a job as operator; its id. */
    public static String createJob(TestController tc, Jobs job) {
        TestController.Response r = tc.post("/api/jobs", Role.OPERATOR, job.json());
        assertEquals(201, r.status(), () -> "create job: " + r);
        return r.json().path("id").asText();
    }

    /** Triggers a job as operator; the execution id. */
    public static String trigger(TestController tc, String jobId, Object body) {
        TestController.Response r = tc.post("/api/jobs/" + jobId + "/trigger", Role.OPERATOR, body);
        assertEquals(202, r.status(), () -> "trigger: " + r);
        String id = r.json().path("execution_id").asText();
        assertFalse(id.isEmpty(), () -> "execution_id in " + r);
        return id;
    }

    public static String trigger(TestController tc, String jobId) {
        return trigger(tc, jobId, null);
    }

    /** Waits (bounded) until the execution has the given status; returns it. */
    public static JsonNode awaitStatus(TestController tc, String executionId, String status, Duration atMost) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("execution " + executionId + " " + status)
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last.set(tc.read("/api/executions/" + executionId));
                    String now = last.get().path("status").asText();
                    if (!now.equals(status) && TERMINAL.contains(now)) {
                        throw new AssertionError(
                                "execution ended " + now + " instead of " + status + ": " + last.get());
                    }
                    return now.equals(status);
                });
        return last.get();
    }

    public static JsonNode awaitTerminal(TestController tc, String executionId, Duration atMost) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Awaitility.await("execution " + executionId + " terminal")
                .atMost(atMost)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last.set(tc.read("/api/executions/" + executionId));
                    return TERMINAL.contains(last.get().path("status").asText());
                });
        return last.get();
    }
}
