package io.kronforce.controller.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM: intake stops, running work finishes inside the grace period, the WAL is folded in, exit 0. */
class GracefulShutdownIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void sigtermLetsARunningExecutionFinishCheckpointsAndExitsZero() throws Exception {
        String executionId;
        try (ChildController controller = ChildController.start(dir)) {
            JsonNode job =
                    JSON.readTree(controller.send("POST", "/api/jobs", """
                    {"name":"slow","task":{"type":"shell","command":"sleep 1; echo finished"},
                     "schedule":{"type":"on_demand"}}""").body());
            executionId = JSON.readTree(controller
                            .send("POST", "/api/jobs/" + job.get("id").asText() + "/trigger", null)
                            .body())
                    .get("execution_id")
                    .asText();
            awaitStatus(controller, executionId, "running");

            controller.process().destroy(); // SIGTERM
            assertTrue(controller.process().waitFor(60, TimeUnit.SECONDS), "controller did not stop");
            assertEquals(0, controller.process().exitValue());
        }
        Path wal = dir.resolve("kronforce.db-wal");
        assertFalse(Files.exists(wal) && Files.size(wal) > 0, "WAL was not checkpointed at shutdown");
        try (ChildController restarted = ChildController.start(dir)) {
            JsonNode execution = JSON.readTree(restarted
                    .send("GET", "/api/executions/" + executionId, null)
                    .body());
            assertEquals("succeeded", execution.get("status").asText());
            assertEquals("finished\n", execution.get("stdout").asText());
        }
    }

    private static void awaitStatus(ChildController c, String id, String status) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (JSON.readTree(c.send("GET", "/api/executions/" + id, null).body())
                    .get("status")
                    .asText()
                    .equals(status)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("execution never reached " + status);
    }
}
