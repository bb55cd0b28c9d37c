package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks an agent runs must not learn its key or any other {@code KRONFORCE_} variable of the agent
 * host: the standard agent as a child process (its key passed as a file, two more keys as
 * variables) runs a shell task and a script's {@code shell_exec} that print every variable they
 * can reach.
 */
class AgentTasksCannotReadAgentKeysTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PRINT_ALL = "env; echo ---; tr '\\0' '\\n' < /proc/self/environ";

    @TempDir
    Path dir;

    private TestController tc;
    private ChildAgent agent;
    private String agentId;
    private List<String> secrets;

    @BeforeEach
    void start() throws Exception {
        tc = TestController.start(dir, Map.of());
        String key = tc.key(Role.AGENT);
        secrets = List.of(key, tc.key(Role.ADMIN), "agent-host-encryption-passphrase");
        Path keyFile = Files.writeString(dir.resolve("agent.key"), key + "\n");
        agent = ChildAgent.start(
                dir,
                "http://127.0.0.1:" + tc.port(),
                "", // blank: the key comes from the file below
                "keys-agent",
                "",
                Map.of(
                        "KRONFORCE_AGENT_KEY_FILE", keyFile.toString(),
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY", secrets.get(1),
                        "KRONFORCE_ENCRYPTION_KEY", secrets.get(2)));
        await().atMost(WAIT)
                .until(() ->
                        tc.read("/api/agents").size() == 1 || !agent.process().isAlive());
        assertTrue(agent.process().isAlive(), agent::log);
        agentId = tc.read("/api/agents").path(0).path("id").asText();
    }

    @AfterEach
    void stop() {
        agent.close();
        tc.close();
    }

    @Test
    void aShellTaskOnTheAgentSeesNoKronforceVariableAndNoKey() {
        String out = runOnAgent(Jobs.shell(Jobs.uniqueName("agent-env"), PRINT_ALL));
        assertTrue(out.contains("PATH="), out);
        assertNoKronforceVariableNorKey(out);
    }

    @Test
    void aScriptsShellExecOnTheAgentSeesNoKronforceVariableAndNoKey() {
        ObjectNode script = TestController.JSON.createObjectNode().put("type", "script");
        script.put(
                "script",
                "let r = shell_exec(\"" + PRINT_ALL.replace("\\", "\\\\") + "\"); print(r.stdout);"
                        + " print(env_var('KRONFORCE_AGENT_KEY'));");
        String out = runOnAgent(
                Jobs.shell(Jobs.uniqueName("agent-script-env"), "unused").with("task", script));
        assertTrue(out.contains("PATH="), out);
        assertNoKronforceVariableNorKey(out);
    }

    /** Runs the job on the agent, created and triggered by an operator; its stdout. */
    private String runOnAgent(Jobs job) {
        String id = Api.createJob(
                tc,
                job.with(
                        "target",
                        TestController.JSON
                                .createObjectNode()
                                .put("type", "agent")
                                .put("agent_id", agentId)));
        JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, id), WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertEquals(agentId, row.path("agent_id").asText());
        return row.path("stdout").asText();
    }

    private void assertNoKronforceVariableNorKey(String output) {
        assertFalse(output.contains("KRONFORCE_"), output);
        for (String secret : secrets) {
            assertFalse(output.contains(secret), output);
        }
    }
}
