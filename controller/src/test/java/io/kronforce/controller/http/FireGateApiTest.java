package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The manual trigger through the fire gate: refusals answer 202 with a skipped execution
 * (docs/reference/scheduling.md#the-fire-gate, docs/reference/differences.md row 17).
 */
class FireGateApiTest extends ControllerPerTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private JsonNode eventFor(String executionId, String kind) {
        JsonNode page = tc.read("/api/events?per_page=200");
        return StreamSupport.stream(page.path("data").spliterator(), false)
                .filter(e -> kind.equals(e.path("kind").asText())
                        && executionId.equals(e.path("execution_id").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " for " + executionId + " in " + page));
    }

    @Test
    void unmetDependencyRecordsASkippedExecutionAndAWarningEvent() {
        String extract = Api.createJob(tc, Jobs.shell("extract", "echo x"));
        String load = Api.createJob(tc, Jobs.shell("load", "echo y").dependsOn(extract));

        TestController.Response r = tc.post("/api/jobs/" + load + "/trigger", Role.OPERATOR, null);
        assertEquals(202, r.status(), r::toString);
        assertEquals(
                "job skipped: dependency 'extract' has not succeeded",
                r.json().path("message").asText());
        String id = r.json().path("execution_id").asText();

        JsonNode e = tc.read("/api/executions/" + id);
        assertEquals("skipped", e.path("status").asText(), e::toString);
        assertEquals("dependency 'extract' has not succeeded", e.path("stderr").asText());
        assertTrue(e.path("finished_at").isTextual(), e::toString);
        assertEquals(
                "warning", eventFor(id, "execution.skipped").path("severity").asText());
    }

    @Test
    void skipDepsBypassesTheDependencyCheck() {
        String extract = Api.createJob(tc, Jobs.shell("extract", "echo x"));
        String load = Api.createJob(tc, Jobs.shell("load", "echo y").dependsOn(extract));

        TestController.Response r = tc.post("/api/jobs/" + load + "/trigger?skip_deps=true", Role.OPERATOR, null);
        assertEquals(202, r.status(), r::toString);
        String id = r.json().path("execution_id").asText();

        Api.awaitStatus(tc, id, "succeeded", WAIT);
    }

    @Test
    void aMetDependencyLetsTheRunStart() {
        String extract = Api.createJob(tc, Jobs.shell("extract", "echo x"));
        String load = Api.createJob(tc, Jobs.shell("load", "echo y").dependsOn(extract));
        Api.awaitStatus(tc, Api.trigger(tc, extract), "succeeded", WAIT);

        Api.awaitStatus(tc, Api.trigger(tc, load), "succeeded", WAIT);
        assertEquals(true, tc.read("/api/jobs/" + load).path("deps_satisfied").asBoolean());
    }

    @Test
    void maxConcurrentRefusesASecondRunWhileTheFirstIsRunning() {
        String slow = Api.createJob(
                tc,
                Jobs.shell("slow", "sleep 30")
                        .with(
                                "max_concurrent",
                                TestController.JSON.getNodeFactory().numberNode(1)));
        String first = Api.trigger(tc, slow);
        Api.awaitStatus(tc, first, "running", WAIT);

        String second = Api.trigger(tc, slow);

        JsonNode e = tc.read("/api/executions/" + second);
        assertEquals("skipped", e.path("status").asText(), e::toString);
        assertEquals("max_concurrent 1 reached", e.path("stderr").asText());
        eventFor(second, "execution.skipped");
        assertEquals(
                200,
                tc.post("/api/executions/" + first + "/cancel", Role.OPERATOR, null)
                        .status());
        Api.awaitStatus(tc, first, "cancelled", WAIT);
    }
}
