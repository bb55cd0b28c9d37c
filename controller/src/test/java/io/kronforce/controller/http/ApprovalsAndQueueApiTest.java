package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Approvals (docs/reference/rest.md#executions) and the {@code max_concurrent} policies, over real HTTP. */
class ApprovalsAndQueueApiTest extends ControllerPerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TestController.Response trigger(String jobId) {
        TestController.Response r = tc.post("/api/jobs/" + jobId + "/trigger", Role.OPERATOR, null);
        assertEquals(202, r.status(), r::toString);
        return r;
    }

    private String status(String executionId) {
        return tc.read("/api/executions/" + executionId).path("status").asText();
    }

    private long events(String kind, String executionId) {
        JsonNode page = tc.read("/api/events?per_page=200");
        return StreamSupport.stream(page.path("data").spliterator(), false)
                .filter(e -> kind.equals(e.path("kind").asText())
                        && executionId.equals(e.path("execution_id").asText()))
                .count();
    }

    /** A shell command that runs until {@code gate} exists, so a test decides when a run ends. */
    private static String waitFor(Path gate) {
        return "while [ ! -f '" + gate + "' ]; do sleep 0.05; done; echo released";
    }

    @Test
    void anApprovalGatedTriggerWaitsThenRunsUnderTheSameIdOnceApproved() {
        String job =
                Api.createJob(tc, Jobs.shell("gated", "echo approved-run").with("approval_required", BooleanNode.TRUE));
        TestController.Response r = trigger(job);
        assertEquals("job awaiting approval", r.json().path("message").asText());
        String id = r.json().path("execution_id").asText();
        assertEquals("pending_approval", status(id));
        assertEquals(1, events("job.pending_approval", id));

        TestController.Response ok = tc.post("/api/executions/" + id + "/approve", Role.OPERATOR, null);
        assertEquals(200, ok.status(), ok::toString);
        assertEquals("execution approved", ok.json().path("message").asText());
        assertEquals(id, ok.json().path("execution_id").asText());
        JsonNode done = Api.awaitStatus(tc, id, "succeeded", WAIT);
        assertEquals("approved-run\n", done.path("stdout").asText());
        assertEquals(1, events("execution.approved", id));

        JsonNode again = assertProblem(tc.post("/api/executions/" + id + "/approve", Role.OPERATOR, null), 400);
        assertEquals("execution is not pending approval", again.path("error").asText());
        assertTrue(tc.read("/api/audit-log?per_page=50").toString().contains("execution.approved"));
    }

    private static JsonNode eventSchedule(String pattern, String filter) {
        ObjectNode schedule = TestController.JSON.createObjectNode().put("type", "event");
        schedule.putObject("value").put("kind_pattern", pattern).put("job_name_filter", filter);
        return schedule;
    }

    /** The job's executions as the API lists them. */
    private List<JsonNode> executionsOf(String jobId) {
        return StreamSupport.stream(
                        tc.read("/api/jobs/" + jobId + "/executions")
                                .path("data")
                                .spliterator(),
                        false)
                .toList();
    }

    @Test
    void cascadesAndEventTriggersWaitForApprovalToo() {
        String source = Api.createJob(tc, Jobs.shell("source-job", "echo done"));
        String cascaded = Api.createJob(
                tc, Jobs.shell("cascaded", "echo dep").dependsOn(source).with("approval_required", BooleanNode.TRUE));
        String reacting = Api.createJob(
                tc,
                Jobs.shell("reacting", "echo event")
                        .with("schedule", eventSchedule("execution.completed", "source-job"))
                        .with("approval_required", BooleanNode.TRUE));

        Api.awaitStatus(tc, trigger(source).json().path("execution_id").asText(), "succeeded", WAIT);
        await().atMost(WAIT)
                .until(() -> executionsOf(cascaded).size() == 1
                        && executionsOf(reacting).size() == 1);
        JsonNode dep = executionsOf(cascaded).get(0);
        JsonNode ev = executionsOf(reacting).get(0);
        assertEquals("pending_approval", dep.path("status").asText(), dep::toString);
        assertEquals("dependency", dep.path("triggered_by").path("type").asText());
        assertEquals("pending_approval", ev.path("status").asText(), ev::toString);
        assertEquals("event", ev.path("triggered_by").path("type").asText());
    }

    @Test
    void aRunAwaitingApprovalCanBeCancelledInstead() {
        String job = Api.createJob(tc, Jobs.shell("refused", "echo never").with("approval_required", BooleanNode.TRUE));
        String id = trigger(job).json().path("execution_id").asText();
        assertEquals(
                200,
                tc.post("/api/executions/" + id + "/cancel", Role.OPERATOR, null)
                        .status());
        JsonNode e = Api.awaitStatus(tc, id, "cancelled", WAIT);
        assertEquals("", e.path("stdout").asText());
        assertProblem(tc.post("/api/executions/" + id + "/approve", Role.OPERATOR, null), 400);
    }

    @Test
    void approvalRunsTheFireGateAtApprovalTime() {
        String upstream = Api.createJob(tc, Jobs.shell("upstream", "exit 1"));
        String job = Api.createJob(
                tc, Jobs.shell("downstream", "echo x").dependsOn(upstream).with("approval_required", BooleanNode.TRUE));
        String id = trigger(job).json().path("execution_id").asText();
        assertEquals("pending_approval", status(id), "the dependency is checked when approved, not before");

        assertEquals(
                200,
                tc.post("/api/executions/" + id + "/approve", Role.OPERATOR, null)
                        .status());
        JsonNode e = tc.read("/api/executions/" + id);
        assertEquals("skipped", e.path("status").asText(), e::toString);
        assertEquals("dependency 'upstream' has not succeeded", e.path("stderr").asText());
        assertEquals(1, events("execution.skipped", id));
    }

    @Test
    void queuePolicyHoldsRunsBeyondMaxConcurrentAndStartsThemInOrder() throws IOException {
        Path release = dir.resolve("release");
        String job = Api.createJob(
                tc,
                Jobs.shell("serial", waitFor(release))
                        .with("max_concurrent", IntNode.valueOf(1))
                        .with("concurrency_policy", "queue"));
        List<String> ids = new ArrayList<>();
        ids.add(trigger(job).json().path("execution_id").asText());
        await().atMost(WAIT).until(() -> status(ids.get(0)).equals("running"));
        for (int i = 0; i < 2; i++) {
            TestController.Response r = trigger(job);
            assertEquals(
                    "job queued: max_concurrent reached",
                    r.json().path("message").asText());
            ids.add(r.json().path("execution_id").asText());
        }
        assertEquals("queued", status(ids.get(1)));
        assertEquals("queued", status(ids.get(2)));
        assertEquals(1, events("execution.queued", ids.get(1)));

        Files.writeString(release, "go");
        for (String id : ids) {
            Api.awaitStatus(tc, id, "succeeded", WAIT);
        }
        List<Long> starts = ids.stream()
                .map(id -> java.time.Instant.parse(tc.read("/api/executions/" + id)
                                .path("started_at")
                                .asText())
                        .toEpochMilli())
                .toList();
        List<Long> finishes = ids.stream()
                .map(id -> java.time.Instant.parse(tc.read("/api/executions/" + id)
                                .path("finished_at")
                                .asText())
                        .toEpochMilli())
                .toList();
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(starts.get(i) >= finishes.get(i - 1), "one at a time, oldest first: " + starts + " " + finishes);
        }
    }

    @Test
    void skipPolicyRecordsTheRefusedRun() throws IOException {
        Path release = dir.resolve("release-skip");
        String job =
                Api.createJob(tc, Jobs.shell("single", waitFor(release)).with("max_concurrent", IntNode.valueOf(1)));
        String first = trigger(job).json().path("execution_id").asText();
        await().atMost(WAIT).until(() -> status(first).equals("running"));
        TestController.Response second = trigger(job);
        assertEquals(
                "job skipped: max_concurrent 1 reached",
                second.json().path("message").asText());
        Files.writeString(release, "go");
        Api.awaitStatus(tc, first, "succeeded", WAIT);
        assertEquals("skipped", status(second.json().path("execution_id").asText()));
    }

    @Test
    void aQueuedRunCanBeCancelledAndAnUnknownPolicyIsRefused() throws IOException {
        Path release = dir.resolve("release-cancel");
        String job = Api.createJob(
                tc,
                Jobs.shell("cancel-queued", waitFor(release))
                        .with("max_concurrent", IntNode.valueOf(1))
                        .with("concurrency_policy", "queue"));
        String first = trigger(job).json().path("execution_id").asText();
        await().atMost(WAIT).until(() -> status(first).equals("running"));
        String queued = trigger(job).json().path("execution_id").asText();
        assertEquals(
                200,
                tc.post("/api/executions/" + queued + "/cancel", Role.OPERATOR, null)
                        .status());
        Api.awaitStatus(tc, queued, "cancelled", WAIT);
        Files.writeString(release, "go");
        Api.awaitStatus(tc, first, "succeeded", WAIT);
        assertEquals("cancelled", status(queued), "a cancelled queued run never starts");

        JsonNode bad = assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell("bad-policy", "true")
                                .with("concurrency_policy", "wait")
                                .json()),
                422);
        assertTrue(bad.path("error").asText().contains("concurrency_policy"), bad::toString);
    }
}
