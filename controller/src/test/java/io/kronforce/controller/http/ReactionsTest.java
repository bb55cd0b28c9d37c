package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Dependency cascades, group.completed and event triggers through real shell runs (docs/reference/scheduling.md,
 * docs/reference/events.md#event-triggered-jobs).
 */
class ReactionsTest extends ControllerPerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a quiet system is watched to show that nothing more fires; not a performance bound. */
    private static final Duration QUIET = Duration.ofMillis(1500);

    private List<JsonNode> executions(String jobId) {
        JsonNode page = tc.read("/api/jobs/" + jobId + "/executions?per_page=100");
        return StreamSupport.stream(page.path("data").spliterator(), false).toList();
    }

    private List<JsonNode> events(String kind) {
        JsonNode page = tc.read("/api/events?per_page=500");
        return StreamSupport.stream(page.path("data").spliterator(), false)
                .filter(e -> kind.equals(e.path("kind").asText()))
                .toList();
    }

    private JsonNode awaitOneSucceeded(String jobId) {
        Awaitility.await("a succeeded run of " + jobId)
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> executions(jobId).stream()
                        .anyMatch(e -> "succeeded".equals(e.path("status").asText())));
        return executions(jobId).getFirst();
    }

    private static Jobs onEvent(String name, String pattern, String filter) {
        ObjectNode schedule = TestController.JSON.createObjectNode().put("type", "event");
        ObjectNode value = schedule.putObject("value").put("kind_pattern", pattern);
        if (filter != null) {
            value.put("job_name_filter", filter);
        }
        return Jobs.shell(name, "echo reacted").with("schedule", schedule);
    }

    /** Waits until the executions of the jobs stop changing in number; returns that number. */
    private int settled(String... jobIds) {
        int[] last = {-1};
        Awaitility.await("quiet")
                .atMost(WAIT)
                .pollDelay(QUIET)
                .pollInterval(QUIET)
                .until(() -> {
                    int n = 0;
                    for (String id : jobIds) {
                        n += (int) executions(id).stream()
                                .filter(e ->
                                        Api.TERMINAL.contains(e.path("status").asText()))
                                .count();
                        n += executions(id).size() * 1000;
                    }
                    boolean same = n == last[0];
                    last[0] = n;
                    return same;
                });
        return last[0] / 1000;
    }

    @Test
    void aSuccessCascadesDownAChainRecordingTheParent() {
        String a = Api.createJob(tc, Jobs.shell("a", "echo a"));
        String b = Api.createJob(tc, Jobs.shell("b", "echo b").dependsOn(a));
        String c = Api.createJob(tc, Jobs.shell("c", "echo c").dependsOn(b));
        String first = Api.trigger(tc, a);

        JsonNode runC = awaitOneSucceeded(c);
        JsonNode runB = executions(b).getFirst();
        assertEquals("dependency", runB.path("triggered_by").path("type").asText(), runB::toString);
        assertEquals(
                first, runB.path("triggered_by").path("parent_execution_id").asText());
        assertEquals(
                runB.path("id").asText(),
                runC.path("triggered_by").path("parent_execution_id").asText());
    }

    @Test
    void aDependencyAddedByUpdateCascadesAndSurvivesARestart() {
        String a = Api.createJob(tc, Jobs.shell("a", "echo a"));
        String b = Api.createJob(tc, Jobs.shell("b", "echo b"));
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/" + b,
                                io.kronforce.controller.domain.Role.OPERATOR,
                                Jobs.shell("b", "echo b").dependsOn(a).json())
                        .status());
        Api.trigger(tc, a);
        awaitOneSucceeded(b);
        settled(a, b);

        tc.restart();
        Api.trigger(tc, a);
        Awaitility.await()
                .atMost(WAIT)
                .until(() -> executions(b).size() == 2
                        && "succeeded"
                                .equals(executions(b).getFirst().path("status").asText()));
    }

    @Test
    void aFailureDoesNotCascade() {
        String a = Api.createJob(tc, Jobs.shell("a", "exit 3"));
        String b = Api.createJob(tc, Jobs.shell("b", "echo b").dependsOn(a));
        Api.awaitStatus(tc, Api.trigger(tc, a), "failed", WAIT);
        assertEquals(0, settled(b));
    }

    @Test
    void groupCompletedIsEmittedOncePerWave() {
        String a = Api.createJob(tc, Jobs.shell("ga", "echo a").group("etl"));
        String b = Api.createJob(tc, Jobs.shell("gb", "echo b").group("etl").dependsOn(a));
        Api.trigger(tc, a);
        awaitOneSucceeded(b);
        settled(a, b);
        List<JsonNode> completed = events("group.completed");
        assertEquals(1, completed.size(), completed::toString);
        assertEquals("etl", completed.getFirst().path("details").asText());
        assertEquals("success", completed.getFirst().path("severity").asText());

        Api.awaitStatus(tc, Api.trigger(tc, b), "succeeded", WAIT);
        settled(a, b);
        assertEquals(1, events("group.completed").size(), "one member re-ran: not a new wave");

        Api.trigger(tc, a);
        Awaitility.await().atMost(WAIT).until(() -> events("group.completed").size() == 2);
    }

    @Test
    void membersFinishingTogetherCompleteTheirGroupOnce() {
        List<String> members = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(Api.createJob(tc, Jobs.shell("wide-" + i, "sleep 0.2").group("wide")));
        }
        List<String> runs = members.stream().map(m -> Api.trigger(tc, m)).toList();
        runs.forEach(r -> Api.awaitStatus(tc, r, "succeeded", WAIT));
        settled(members.toArray(String[]::new));

        List<JsonNode> completed = events("group.completed");
        assertEquals(1, completed.size(), completed::toString);
        assertEquals("wide", completed.getFirst().path("details").asText());
    }

    @Test
    void anEventJobFiresOnJobCreatedOfAMatchingJob() {
        String watcher = Api.createJob(tc, onEvent("watcher", "job.created", "report"));
        Api.createJob(tc, Jobs.shell("unrelated", "true"));
        Api.createJob(tc, Jobs.shell("daily-Report", "true"));

        JsonNode run = awaitOneSucceeded(watcher);
        assertEquals(1, settled(watcher));
        assertEquals("event", run.path("triggered_by").path("type").asText(), run::toString);
        String eventId = run.path("triggered_by").path("event_id").asText();
        JsonNode created = events("job.created").stream()
                .filter(e -> e.path("id").asText().equals(eventId))
                .findFirst()
                .orElseThrow();
        assertTrue(created.path("message").asText().contains("daily-Report"), created::toString);
    }

    @Test
    void aPausedEventJobLeavesTheIndexAndAResumedOneReturns() {
        String watcher = Api.createJob(tc, onEvent("watcher", "job.created", null));
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/" + watcher,
                                io.kronforce.controller.domain.Role.OPERATOR,
                                TestController.JSON.createObjectNode().put("status", "paused"))
                        .status());
        Api.createJob(tc, Jobs.shell("first", "true"));
        assertEquals(0, settled(watcher));

        assertEquals(
                200,
                tc.put(
                                "/api/jobs/" + watcher,
                                io.kronforce.controller.domain.Role.OPERATOR,
                                TestController.JSON.createObjectNode().put("status", "scheduled"))
                        .status());
        Api.createJob(tc, Jobs.shell("second", "true"));
        awaitOneSucceeded(watcher);
        assertEquals(1, settled(watcher));
    }

    @Test
    void anEventTriggeredRunRefusedByTheGateIsRecordedSkipped() {
        String never = Api.createJob(tc, Jobs.shell("never-ran", "true"));
        String gated =
                Api.createJob(tc, onEvent("gated", "job.created", "trigger-me").dependsOn(never));
        Api.createJob(tc, Jobs.shell("trigger-me", "true"));

        Awaitility.await().atMost(WAIT).until(() -> !executions(gated).isEmpty());
        JsonNode run = executions(gated).getFirst();
        assertEquals("skipped", run.path("status").asText(), run::toString);
        assertEquals("event", run.path("triggered_by").path("type").asText());
        assertEquals(
                "dependency 'never-ran' has not succeeded", run.path("stderr").asText());
    }

    @Test
    void aJobOnExecutionCompletedFiresOncePerOtherCompletionNotForItsOwn() {
        String listener = Api.createJob(tc, onEvent("listener", "execution.completed", null));
        String worker = Api.createJob(tc, Jobs.shell("worker", "echo w"));
        Api.awaitStatus(tc, Api.trigger(tc, worker), "succeeded", WAIT);
        awaitOneSucceeded(listener);
        Api.awaitStatus(tc, Api.trigger(tc, worker), "succeeded", WAIT);

        assertEquals(2, settled(listener, worker) - 2);
        assertTrue(events("trigger.loop_stopped").isEmpty());
    }

    @Test
    void twoJobsReactingToEachOtherStopAtTheDepthCap() {
        String ping = Api.createJob(tc, onEvent("ping", "execution.completed", null));
        String pong = Api.createJob(tc, onEvent("pong", "execution.completed", null));
        String kick = Api.createJob(tc, Jobs.shell("kick", "true"));
        Api.trigger(tc, kick);

        Awaitility.await()
                .atMost(WAIT)
                .until(() -> !events("trigger.loop_stopped").isEmpty());
        int runs = settled(ping, pong);
        // kick's completion starts two chains (ping and pong), each alternating up to depth 8.
        assertEquals(2 * 8, runs);
        int deepest = 0;
        for (String id : List.of(ping, pong)) {
            for (JsonNode e : executions(id)) {
                deepest = Math.max(deepest, e.path("triggered_by").path("depth").asInt());
            }
        }
        assertEquals(8, deepest);
        assertEquals(
                "warning",
                events("trigger.loop_stopped").getFirst().path("severity").asText());
    }
}
