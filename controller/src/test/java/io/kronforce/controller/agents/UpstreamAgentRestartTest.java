package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.DatabaseFiles;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A push agent that speaks upstream's protocol and, as upstream's agent, registers once and never
 * again, across restarts of the whole controller on the same SQLite file. The controller comes
 * back on the same port (the agent's controller URL is fixed, as in production).
 */
class UpstreamAgentRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PASSPHRASE = "restart-agents-passphrase";

    @TempDir
    Path dir;

    int port;
    TestController tc;
    UpstreamPushAgent agent;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (tc != null) {
            tc.close();
        }
    }

    /** A controller on the fixed port; a 6 s lease makes the agents heartbeat every 2 s. */
    private void startController(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(extra);
        env.put("KRONFORCE_BIND", "127.0.0.1:" + port);
        env.put("KRONFORCE_QUEUE_LEASE_SECS", "6");
        tc = TestController.start(dir, env);
    }

    private void startAgent(String key) throws Exception {
        agent = UpstreamPushAgent.start(
                "http://127.0.0.1:" + port, key, "upstream-edge", List.of("edge"), Duration.ofMillis(50));
    }

    private String agentKey() {
        TestController.Response r = tc.post("/api/keys", Role.ADMIN, Map.of("name", "edge-agent", "role", "agent"));
        assertEquals(200, r.status(), r::toString);
        return r.json().path("raw_key").asText();
    }

    private String jobOnTheAgent() {
        return Api.createJob(tc, agent.job("echo pushed"));
    }

    /** Triggers the job and expects the agent to have run it. */
    private void runsOnTheAgent(String job) {
        String execution = Api.trigger(tc, job);
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.deliveries);
        assertEquals("ran: echo pushed\n", row.path("stdout").asText());
        assertEquals(agent.agentId(), row.path("agent_id").asText());
    }

    /** Restarts the controller and waits for the agent's first heartbeat to reach the new one. */
    private List<Integer> restartAndAwaitAHeartbeat() {
        tc.restart();
        int before = agent.heartbeatStatuses.size();
        await().atMost(WAIT)
                .until(() -> agent.heartbeatStatuses.size() > before && agent.heartbeatStatuses.getLast() != -1);
        return agent.heartbeatStatuses.subList(before, agent.heartbeatStatuses.size()).stream()
                .filter(s -> s != -1)
                .toList();
    }

    private long registrations() {
        long n = 0;
        for (JsonNode e :
                tc.read("/api/events?kind=agent.registered&per_page=100").path("data")) {
            n += "agent.registered".equals(e.path("kind").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void anUpstreamAgentKeepsTakingWorkAcrossTwoRestartsWithItsKeySealed() throws Exception {
        startController(Map.of("KRONFORCE_ENCRYPTION_KEY", PASSPHRASE));
        String key = agentKey();
        startAgent(key);
        String job = jobOnTheAgent();
        runsOnTheAgent(job);

        for (int restart = 1; restart <= 2; restart++) {
            List<Integer> beats = restartAndAwaitAHeartbeat();
            assertEquals(200, beats.getFirst(), () -> "heartbeats after a restart: " + agent.heartbeatStatuses);
            runsOnTheAgent(job);
        }
        assertFalse(agent.heartbeatStatuses.contains(404), agent.heartbeatStatuses::toString);
        assertEquals(1, registrations(), "the agent registered once and never again");
        assertEquals(3, agent.dispatches.size());
        assertEquals(
                "online",
                tc.read("/api/agents/" + agent.agentId()).path("status").asText());

        DatabaseFiles.assertNoneHolds(tc, key);
        String kept = keptColumn("dispatch_key");
        assertTrue(kept.startsWith("enc:"), kept);
    }

    @Test
    void withoutAnEncryptionKeyTheBootstrapAgentKeyStillReachesTheAgentThatRegisteredWithIt() throws Exception {
        startController(Map.of());
        startAgent(tc.key(Role.AGENT));
        String job = jobOnTheAgent();
        runsOnTheAgent(job);

        assertEquals(200, restartAndAwaitAHeartbeat().getFirst(), agent.heartbeatStatuses::toString);
        runsOnTheAgent(job);
        assertEquals(1, registrations());
        assertNull(keptColumn("dispatch_key"), "nothing sealed without an encryption key, nothing in clear");
        DatabaseFiles.assertNoneHolds(tc, tc.key(Role.AGENT));
    }

    @Test
    void upstreamsAgentKeyVariableIsTheFallbackForAnAgentWhoseKeyWasNotKept() throws Exception {
        // One key for both sides, as upstream's compose files set it: the agent registers with
        // it, and the controller's KRONFORCE_AGENT_KEY names it as the dispatch fallback.
        String shared = io.kronforce.controller.access.ApiKeys.generate();
        startController(Map.of("KRONFORCE_BOOTSTRAP_AGENT_KEY", shared, "KRONFORCE_AGENT_KEY", shared));
        startAgent(shared);
        String job = jobOnTheAgent();
        runsOnTheAgent(job);

        // As if the agent had registered before the controller kept anything of keys.
        tc.restartAt(() -> forgetKeptKeys());
        int before = agent.heartbeatStatuses.size();
        await().atMost(WAIT)
                .until(() -> agent.heartbeatStatuses.size() > before && agent.heartbeatStatuses.getLast() != -1);
        assertEquals(200, agent.heartbeatStatuses.getLast(), agent.heartbeatStatuses::toString);
        runsOnTheAgent(job);
        assertEquals(1, registrations());
    }

    @Test
    void anAgentWhoseKeyTheControllerCannotRecoverIsToldToRegisterAgain() throws Exception {
        // No encryption key and no fallback: the key the agent registered with (not one of the
        // environment's) is lost with the restart, and heartbeats say so (ours registers again).
        startController(Map.of());
        startAgent(agentKey());
        runsOnTheAgent(jobOnTheAgent());

        assertEquals(404, restartAndAwaitAHeartbeat().getFirst(), agent.heartbeatStatuses::toString);
    }

    private void forgetKeptKeys() {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile())) {
            c.createStatement().executeUpdate("UPDATE agents SET dispatch_key=NULL, dispatch_key_hash=NULL");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String keptColumn(String column) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                ResultSet rs = c.createStatement().executeQuery("SELECT " + column + " FROM agents")) {
            assertTrue(rs.next(), "one agent row");
            return rs.getString(1);
        }
    }
}
