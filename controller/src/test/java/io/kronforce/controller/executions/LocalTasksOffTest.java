package io.kronforce.controller.executions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KRONFORCE_LOCAL_TASKS=off}: the controller only dispatches. A job that would run on the
 * controller fails with the reason and its command never runs; a job for the agents is dispatched
 * as before.
 */
class LocalTasksOffTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir, Map.of("KRONFORCE_LOCAL_TASKS", "off"));
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void aJobWithoutAnAgentTargetFailsWithTheReasonAndItsCommandNeverRunsOnTheController() throws Exception {
        Path marker = dir.resolve("ran-on-the-controller");
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("local"), "touch '" + marker + "'"));
        JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("failed", row.path("status").asText(), row::toString);
        assertTrue(row.path("stderr").asText().contains("KRONFORCE_LOCAL_TASKS=off"), row::toString);
        Thread.sleep(200); // a process started anyway would have touched the file by now
        assertFalse(Files.exists(marker), "the command ran on the controller");
    }

    @Test
    void aJobForTheAgentsIsStillDispatched() {
        String job = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("pooled"), "true")
                        .with("target", TestController.JSON.createObjectNode().put("type", "any")));
        JsonNode row = Api.awaitStatus(tc, Api.trigger(tc, job), "pending", WAIT);
        assertTrue(row.path("stderr").asText().contains("queued in pool 'any'"), row::toString);
    }
}
