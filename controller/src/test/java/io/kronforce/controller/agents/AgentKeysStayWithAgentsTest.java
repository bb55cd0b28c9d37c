package io.kronforce.controller.agents;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The key an agent registers with is the Bearer of every push to it, so only agent keys register:
 * an admin key never travels to an agent's host. A push that cannot be delivered says why and where.
 */
class AgentKeysStayWithAgentsTest {
    @TempDir
    Path dir;

    private TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    private static Map<String, Object> standard(String name, int port) {
        return Map.of("name", name, "hostname", "h", "address", "127.0.0.1", "port", port, "agent_type", "standard");
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"ADMIN", "OPERATOR", "VIEWER"})
    void aKeyOfAnotherRoleCannotRegisterAnAgentAndIsToldWhichKeyTo(Role role) {
        TestController.Response r = tc.post("/api/agents/register", role, standard("wrong-key", 9));
        JsonNode problem = assertProblem(r, 403);
        if (role == Role.ADMIN) { // operator and viewer keys are refused on every agent route, as before
            assertTrue(problem.path("error").asText().contains("KRONFORCE_BOOTSTRAP_AGENT_KEY"), r::toString);
            assertTrue(problem.path("error").asText().contains("role agent"), r::toString);
        }
        assertEquals(0, tc.read("/api/agents").size(), "nothing registered, no key kept");
    }

    @Test
    void anAgentKeyMadeThroughTheApiRegisters() {
        String key = tc.createKey("edge", Role.AGENT);
        TestController.Response r =
                tc.send("POST", "/api/agents/register", key, "application/json", standard("api-key-agent", 9));
        assertEquals(200, r.status(), r::toString);
    }

    @Test
    void aPushToADeadAgentFailsNamingTheRefusedAddress() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort(); // nothing listens here once the socket is closed
        }
        TestController.Response reg = tc.post("/api/agents/register", Role.AGENT, standard("dead-agent", closed));
        assertEquals(200, reg.status(), reg::toString);
        String agentId = reg.json().path("agent_id").asText();
        String job = Api.createJob(
                tc,
                Jobs.shell("to-dead-agent", "true")
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "agent")
                                        .put("agent_id", agentId)));
        JsonNode run = Api.awaitTerminal(tc, Api.trigger(tc, job), Duration.ofSeconds(30));
        String why = run.path("stderr").asText();
        assertEquals("failed", run.path("status").asText(), run::toString);
        assertTrue(why.contains("127.0.0.1:" + closed) && why.contains("connection refused"), why);
        assertFalse(why.contains("null"), why);
    }
}
