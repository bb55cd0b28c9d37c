package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard agent as a child process against the whole controller in this JVM, on loopback:
 * pushed runs, cascades from them, the agent's own key check, work after a controller restart,
 * cancel and unpairing.
 */
class PushAgentIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    TestController tc;
    ChildAgent agent;
    String agentId;

    @BeforeEach
    void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort(); // fixed, so the agent finds the controller again after a restart
        }
        tc = TestController.start(dir, Map.of("KRONFORCE_BIND", "127.0.0.1:" + port));
        agent = ChildAgent.start(dir, "http://127.0.0.1:" + port, tc.key(Role.AGENT), "it-agent", "it,linux");
        await().atMost(WAIT)
                .until(() ->
                        tc.read("/api/agents").size() == 1 || !agent.process().isAlive());
        assertTrue(agent.process().isAlive(), agent::log);
        JsonNode listed = tc.read("/api/agents").path(0);
        agentId = listed.path("id").asText();
        assertEquals("standard", listed.path("agent_type").asText());
        assertEquals("online", listed.path("status").asText());
        assertEquals("it", listed.path("tags").path(0).asText());
    }

    @AfterEach
    void stop() {
        agent.close();
        tc.close();
    }

    private String agentJob(String name, String command) {
        return Api.createJob(
                tc,
                Jobs.shell(name, command)
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "agent")
                                        .put("agent_id", agentId)));
    }

    @Test
    void aJobTargetedAtTheAgentRunsInTheAgentProcessAndItsResultCascades() {
        String parent = agentJob("on-agent", "echo from-agent; echo pid=$PPID");
        String child = Api.createJob(tc, Jobs.shell("after-agent", "echo local").dependsOn(parent));
        String execution = Api.trigger(tc, parent);
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertTrue(row.path("stdout").asText().contains("from-agent"), row::toString);
        assertTrue(row.path("stdout").asText().contains("pid=" + agent.process().pid()), row::toString);
        assertEquals(agentId, row.path("agent_id").asText());
        await().atMost(WAIT)
                .until(() -> tc.read("/api/jobs/" + child + "/executions")
                        .path("data")
                        .findValuesAsText("status")
                        .contains("succeeded"));
    }

    @Test
    void theAgentRefusesWorkWithoutItsKeyAndAnswersHealthOpenly() throws Exception {
        int agentPort = tc.read("/api/agents/" + agentId).path("port").asInt();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        for (String key : new String[] {null, "kf_wrong"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agentPort + "/execute"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"execution_id\":\"x\",\"job_id\":\"j\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                                    + "\"callback_url\":\"http://127.0.0.1:1/cb\"}"));
            if (key != null) {
                b.header("Authorization", "Bearer " + key);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode());
            assertTrue(r.body().contains("invalid or missing agent key"), r.body());
        }
    }

    @Test
    void afterAControllerRestartTheAgentTakesWorkWithoutRegisteringAgain() {
        tc.restart();
        // The agent registered with the bootstrap agent key: the restarted controller finds that
        // very key in its environment by the hash it kept, so the agent's heartbeats are answered
        // 200 and it is pushed to as before, as upstream's agent (which never registers again) needs.
        String job = Api.createJob(
                tc,
                Jobs.shell("tagged-job", "echo after-restart")
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "tagged")
                                        .put("tag", "linux")));
        JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertEquals(agentId, row.path("agent_id").asText());
        assertEquals(1, registrations(), agent::log);
    }

    private long registrations() {
        JsonNode events = tc.read("/api/events?per_page=100").path("data");
        long n = 0;
        for (JsonNode e : events) {
            n += "agent.registered".equals(e.path("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void cancelClosesAPushedRunAtOnceAndTheAgentsLateResultIsIgnored() {
        String job = agentJob("long-on-agent", "sleep 30");
        String execution = Api.trigger(tc, job);
        Api.awaitStatus(tc, execution, "running", WAIT);
        assertTrue(tc.post("/api/executions/" + execution + "/cancel", Role.OPERATOR, null)
                        .status()
                < 300);
        assertEquals(
                "cancelled",
                tc.read("/api/executions/" + execution).path("status").asText());
        // The agent stops the run and posts "cancelled"; the controller takes it without recording
        // it (nothing for the agent to retry) and the row stays as it is.
        await().atMost(WAIT).until(() -> agent.log().contains("not recorded: the run was cancelled"));
        assertEquals(
                "cancelled",
                tc.read("/api/executions/" + execution).path("status").asText());
    }

    @Test
    void unpairingShutsTheAgentDown() throws Exception {
        assertEquals(204, tc.delete("/api/agents/" + agentId, Role.OPERATOR).status());
        assertTrue(agent.process().waitFor(30, TimeUnit.SECONDS), agent::log);
        assertEquals(0, agent.process().exitValue());
        assertEquals(0, tc.read("/api/agents").size());
    }
}
