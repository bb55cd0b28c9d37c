package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.worker.tls.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS both ways with private certificates (decision 0050): the controller serves https and trusts
 * the agent's certificate through KRONFORCE_AGENT_CA; the agent (a child process) serves https,
 * registers {@code "tls": true}, and trusts the controller through KRONFORCE_CONTROLLER_CA. Neither
 * side turns verification off, so a side that lacks the other's CA is refused.
 */
class TlsAgentIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    TestCertificates controllerCert;
    TestCertificates agentCert;
    TestController tc;
    ChildAgent agent;

    @BeforeEach
    void certificates() {
        controllerCert = TestCertificates.ec(dir, "controller");
        agentCert = TestCertificates.ec(dir, "agent");
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

    private void startController(boolean trustAgent) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KRONFORCE_TLS_CERT",
                controllerCert.cert().toString(),
                "KRONFORCE_TLS_KEY",
                controllerCert.key().toString()));
        if (trustAgent) {
            env.put("KRONFORCE_AGENT_CA", agentCert.cert().toString());
        }
        tc = TestController.start(dir, env);
    }

    private Map<String, String> agentTls(boolean trustController) {
        Map<String, String> env = new HashMap<>(Map.of(
                "KRONFORCE_TLS_CERT",
                agentCert.cert().toString(),
                "KRONFORCE_TLS_KEY",
                agentCert.key().toString()));
        if (trustController) {
            env.put("KRONFORCE_CONTROLLER_CA", controllerCert.cert().toString());
        }
        return env;
    }

    private String controllerUrl() {
        return "https://localhost:" + tc.port();
    }

    private String startAgent() throws Exception {
        agent = ChildAgent.start(dir, controllerUrl(), tc.key(Role.AGENT), "tls-agent", "tls", agentTls(true));
        await().atMost(WAIT)
                .until(() ->
                        tc.read("/api/agents").size() == 1 || !agent.process().isAlive());
        assertTrue(agent.process().isAlive(), agent::log);
        JsonNode listed = tc.read("/api/agents").path(0);
        assertTrue(listed.path("tls").asBoolean(false), listed::toString);
        return listed.path("id").asText();
    }

    private JsonNode runOnAgent(String agentId, String command) {
        String job = Api.createJob(
                tc,
                Jobs.shell("on-tls-agent", command)
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "agent")
                                        .put("agent_id", agentId)));
        return Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
    }

    @Test
    void aJobTargetedAtATlsAgentRunsThereOverHttpsAndItsResultComesBack() throws Exception {
        startController(true);
        String agentId = startAgent();
        JsonNode row = runOnAgent(agentId, "echo over-https; echo pid=$PPID");
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertTrue(row.path("stdout").asText().contains("over-https"), row::toString);
        assertTrue(row.path("stdout").asText().contains("pid=" + agent.process().pid()), row::toString);
        assertEquals(agentId, row.path("agent_id").asText());
    }

    @Test
    void aControllerWithoutTheAgentsCaRefusesToPushToIt() throws Exception {
        startController(false);
        String agentId = startAgent();
        JsonNode row = runOnAgent(agentId, "echo must-not-run");
        assertEquals("failed", row.path("status").asText(), row::toString);
        assertTrue(row.path("stderr").asText().startsWith("dispatch failed"), row::toString);
        assertFalse(row.path("stdout").asText().contains("must-not-run"), row::toString);
    }

    @Test
    void anAgentWithoutTheControllersCaRefusesToRegister() throws Exception {
        startController(true);
        agent = ChildAgent.start(dir, controllerUrl(), tc.key(Role.AGENT), "untrusting", "tls", agentTls(false));
        assertTrue(agent.process().waitFor(60, TimeUnit.SECONDS), agent::log);
        assertEquals(1, agent.process().exitValue(), agent::log);
        assertTrue(agent.log().contains("cannot reach the controller"), agent::log);
        assertEquals(0, tc.read("/api/agents").size());
    }

    @Test
    void aPullWorkerClaimsAndReportsOverHttps() throws Exception {
        startController(true);
        String job = Api.createJob(
                tc,
                Jobs.shell("pulled-over-tls", "echo pulled-over-https")
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "tagged")
                                        .put("tag", "tls-pool")));
        String execution = Api.trigger(tc, job);
        agent = ChildAgent.worker(
                dir,
                List.of("--once"),
                controllerUrl(),
                tc.key(Role.AGENT),
                "tls-worker",
                "tls-pool",
                Map.of("KRONFORCE_CONTROLLER_CA", controllerCert.cert().toString()));
        JsonNode row = Api.awaitTerminal(tc, execution, WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertTrue(row.path("stdout").asText().contains("pulled-over-https"), row::toString);
        assertTrue(agent.process().waitFor(60, TimeUnit.SECONDS), agent::log);
        assertEquals(0, agent.process().exitValue(), agent::log);
    }
}
