package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** examples/custom_agent.py, as shipped, as a child process pulling a custom task. */
class CustomAgentExampleIT extends ControllerPerTest {
    private static final Path SCRIPT =
            Path.of(System.getProperty("user.dir")).getParent().resolve("examples/custom_agent.py");

    @Test
    void theExampleRegistersWithItsTaskTypesClaimsRunsAndReports() throws Exception {
        Path log = dir.resolve("python-agent.log");
        ProcessBuilder pb = new ProcessBuilder("python3", SCRIPT.toString());
        pb.environment()
                .putAll(Map.of(
                        "KRONFORCE_URL",
                        "http://127.0.0.1:" + tc.port(),
                        "KRONFORCE_AGENT_KEY",
                        tc.key(Role.AGENT),
                        "AGENT_NAME",
                        "py-example",
                        "AGENT_TAGS",
                        "python",
                        "POLL_WAIT",
                        "5",
                        "RUN_ONCE",
                        "1"));
        Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !p.isAlive() || tc.read("/api/agents").size() == 1);
            assertTrue(p.isAlive(), () -> read(log));
            JsonNode agent = tc.read("/api/agents").path(0);
            assertEquals("custom", agent.path("agent_type").asText());
            assertEquals("shell", agent.path("task_types").path(0).path("name").asText());

            var task =
                    TestController.JSON.createObjectNode().put("type", "custom").put("agent_task_type", "echo");
            task.putObject("data").put("text", "hello from python");
            String job = Api.createJob(
                    tc,
                    Jobs.shell("python-echo", "unused")
                            .with("task", task)
                            .with(
                                    "target",
                                    TestController.JSON
                                            .createObjectNode()
                                            .put("type", "tagged")
                                            .put("tag", "python")));
            String execution = Api.trigger(tc, job);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), () -> read(log));
            assertEquals(0, p.exitValue(), () -> read(log));
            JsonNode row = Api.awaitTerminal(tc, execution, Duration.ofSeconds(30));
            assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + read(log));
            assertEquals("hello from python\n", row.path("stdout").asText());
            assertTrue(read(log).contains("controller answered 200"), () -> read(log));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}
