package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.access.ApiKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KRONFORCE_LOG_FORMAT=json} on a controller started as its command line starts it, in a
 * child JVM: every line it writes, on stdout and stderr, from start to shutdown, is one JSON
 * object; a line about a run names its execution and job as fields.
 */
class JsonLogsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN_KEY = ApiKeys.generate();

    @TempDir
    Path dir;

    @Test
    void everyLineIsOneJsonObjectAndARunsLineCarriesItsIds() throws Exception {
        int port = ControllerProcess.freePort();
        Process p = start(Map.of("KRONFORCE_LOG_FORMAT", "json", "KRONFORCE_BIND", "127.0.0.1:" + port));
        String jobId;
        String executionId;
        try {
            ControllerProcess.awaitHealthy(p, dir, port);
            // Forwarding to loopback is refused by the default egress policy: a WARN line about this run.
            jobId = JSON.readTree(ControllerProcess.send(port, ADMIN_KEY, "POST", "/api/jobs", """
                            {"name":"json-logs","task":{"type":"shell","command":"echo hi"},
                             "schedule":{"type":"on_demand"},
                             "output_rules":{"forward_url":"http://127.0.0.1:9/hook"}}"""))
                    .path("id")
                    .asText();
            executionId = JSON.readTree(
                            ControllerProcess.send(port, ADMIN_KEY, "POST", "/api/jobs/" + jobId + "/trigger", "{}"))
                    .path("execution_id")
                    .asText();
            Awaitility.await("the forward's refusal is logged")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> Files.readString(dir.resolve("stderr.log")).contains("output forward"));
        } finally {
            p.destroy(); // SIGTERM: the shutdown lines are logged too
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the controller stops on SIGTERM");
        }

        List<JsonNode> err = lines("stderr.log");
        List<JsonNode> out = lines("stdout.log");
        assertTrue(out.stream().anyMatch(l -> l.path("message").asText().startsWith("Kronforce controller listening")));
        assertTrue(err.stream().anyMatch(l -> l.path("message").asText().equals("shutdown complete")), err::toString);
        for (JsonNode line : concat(err, out)) {
            for (String field : List.of("timestamp", "level", "logger", "message")) {
                assertTrue(line.path(field).isTextual(), () -> field + " in " + line);
            }
        }
        JsonNode forward = err.stream()
                .filter(l -> l.path("message").asText().startsWith("output forward"))
                .findFirst()
                .orElseThrow();
        assertEquals("WARN", forward.path("level").asText());
        assertEquals(executionId, forward.path("execution_id").asText(), forward::toString);
        assertEquals(jobId, forward.path("job_id").asText(), forward::toString);
        assertEquals(
                "io.kronforce.controller.rules.OutputForwarder",
                forward.path("logger").asText());
    }

    @Test
    void anUnknownLogFormatStopsTheStartNamingTheVariable() throws Exception {
        Process p = start(Map.of("KRONFORCE_LOG_FORMAT", "yaml"));
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue());
        List<String> err = Files.readAllLines(dir.resolve("stderr.log"));
        assertEquals(1, err.size(), err::toString);
        assertTrue(err.get(0).contains("KRONFORCE_LOG_FORMAT") && err.get(0).contains("yaml"), err::toString);
    }

    private Process start(Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.putIfAbsent("KRONFORCE_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        return ControllerProcess.start(dir, all);
    }

    private List<JsonNode> lines(String file) throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(file))) {
            try {
                parsed.add(JSON.readTree(line));
            } catch (IOException e) {
                throw new AssertionError(file + " has a line that is not JSON: " + line, e);
            }
            assertTrue(parsed.getLast().isObject(), () -> file + ": " + line);
        }
        assertFalse(parsed.isEmpty(), () -> file + " is empty");
        return parsed;
    }

    private static List<JsonNode> concat(List<JsonNode> a, List<JsonNode> b) {
        List<JsonNode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
