package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./kronforce worker} as child processes pulling built-in task types from the controller's queue. */
class PullWorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        // A 3 s lease: workers are told to heartbeat every second, so only a dead worker loses one.
        tc = TestController.start(dir, Map.of("KRONFORCE_QUEUE_LEASE_SECS", "3"));
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    private ChildAgent worker(String name, List<String> args) throws Exception {
        ChildAgent w = ChildAgent.worker(
                dir,
                args,
                "http://127.0.0.1:" + tc.port(),
                tc.key(Role.AGENT),
                name,
                "batch",
                Map.of("KRONFORCE_WORKER_WAIT_SECS", "5"));
        await().atMost(WAIT)
                .until(() -> !w.process().isAlive()
                        || tc.read("/api/agents").findValuesAsText("name").contains(name));
        assertTrue(w.process().isAlive(), w::log);
        return w;
    }

    private String agentId(String name) {
        for (JsonNode a : tc.read("/api/agents")) {
            if (a.path("name").asText().equals(name)) {
                return a.path("id").asText();
            }
        }
        throw new AssertionError("no agent " + name);
    }

    private String taggedShellJob(String name, String command) {
        return Api.createJob(
                tc,
                Jobs.shell(name, command)
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "tagged")
                                        .put("tag", "batch")));
    }

    @Test
    void onceClaimsOneItemRunsItReportsAndExitsZero() throws Exception {
        try (ChildAgent w = worker("once-worker", List.of("--once"))) {
            JsonNode registered = tc.read("/api/agents").path(0);
            assertEquals("custom", registered.path("agent_type").asText());
            assertTrue(registered.path("task_types").findValuesAsText("name").contains("shell"), registered::toString);
            String execution = Api.trigger(tc, taggedShellJob("pulled-shell", "echo pulled; echo pid=$PPID"));
            assertTrue(w.process().waitFor(60, TimeUnit.SECONDS), w::log);
            assertEquals(0, w.process().exitValue(), w::log);
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + w.log());
            assertTrue(row.path("stdout").asText().contains("pid=" + w.process().pid()), row::toString);
        }
    }

    @Test
    void aRunQueuedInAPoolBeforeAnyWorkerExistsIsTakenByTheFirstWorkerOfIt() throws Exception {
        String execution = Api.trigger(tc, taggedShellJob("scaled-from-zero", "echo from zero"));
        assertEquals(
                "pending",
                tc.read("/api/executions/" + execution).path("status").asText());
        assertEquals(
                1,
                tc.read("/api/agent-queue/depth?pool=batch")
                        .path("pools")
                        .path("batch")
                        .asInt());
        // Not through worker(): with work already waiting, a --once worker may be done before a check that it is up.
        try (ChildAgent w = ChildAgent.worker(
                dir,
                List.of("--once"),
                "http://127.0.0.1:" + tc.port(),
                tc.key(Role.AGENT),
                "first-of-pool",
                "batch",
                Map.of("KRONFORCE_WORKER_WAIT_SECS", "5"))) {
            assertTrue(w.process().waitFor(60, TimeUnit.SECONDS), w::log);
            assertEquals(0, w.process().exitValue(), w::log);
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + w.log());
            assertEquals("from zero\n", row.path("stdout").asText());
            assertEquals(agentId("first-of-pool"), row.path("agent_id").asText());
        }
        assertEquals(
                0,
                tc.read("/api/agent-queue/depth?pool=batch")
                        .path("pools")
                        .path("batch")
                        .asInt());
    }

    @Test
    void sigtermDrainsTheWorkInHandBeforeTheWorkerExits() throws Exception {
        try (ChildAgent w = worker("draining-worker", List.of())) {
            String execution = Api.trigger(tc, taggedShellJob("drained", "sleep 2; echo finished-after-sigterm"));
            Api.awaitStatus(tc, execution, "running", WAIT);
            w.process().destroy(); // SIGTERM
            assertTrue(w.process().waitFor(60, TimeUnit.SECONDS), w::log);
            JsonNode row = tc.read("/api/executions/" + execution);
            assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + w.log());
            assertEquals("finished-after-sigterm\n", row.path("stdout").asText());
        }
    }

    @Test
    void aWorkerKilledMidTaskHasItsItemRequeuedAndRunOnceElsewhere() throws Exception {
        Path marker = dir.resolve("first-attempt-started");
        String job = taggedShellJob(
                "survives-a-crash",
                "if [ -f '" + marker + "' ]; then echo second-attempt;" + " else touch '" + marker + "'; sleep 60; fi");
        String execution;
        try (ChildAgent doomed = worker("doomed-worker", List.of());
                ChildAgent rescuer = worker("rescuer", List.of("--once"))) {
            execution = Api.trigger(tc, job);
            await().atMost(WAIT).until(() -> marker.toFile().exists());
            String holder =
                    tc.read("/api/executions/" + execution).path("agent_id").asText();
            ChildAgent first = holder.equals(agentId("doomed-worker")) ? doomed : rescuer;
            ChildAgent second = first == doomed ? rescuer : doomed;
            first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
            assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + second.log());
            assertEquals("second-attempt\n", row.path("stdout").asText());
            assertEquals(
                    agentId(second == doomed ? "doomed-worker" : "rescuer"),
                    row.path("agent_id").asText());
        }
        assertEquals(
                1,
                tc.read("/api/jobs/"
                                + tc.read("/api/executions/" + execution)
                                        .path("job_id")
                                        .asText() + "/executions")
                        .path("total")
                        .asInt(),
                "one execution, recorded once");
    }
}
