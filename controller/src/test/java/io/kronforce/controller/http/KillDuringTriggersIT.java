package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged controller is killed with SIGKILL in the middle of a trigger burst. Every trigger it
 * acknowledged must exist after a restart on the same file, and each must end: pending ones run,
 * running ones are closed as failed with a note.
 */
class KillDuringTriggersIT {
    private static final int TRIGGERS = 300;
    private static final int CLIENTS = 16;
    private static final int KILL_AFTER_ACKS = 120;
    private static final int WORKERS = 16;

    @TempDir
    Path dir;

    final String adminKey = ApiKeys.generate();
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    final List<Process> children = new ArrayList<>();
    int port;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedTriggerSurvivesAKill9AndReachesATerminalState() throws Exception {
        Process first = launch("first");
        String jobId = post("/api/jobs", Jobs.shell("burst", "sleep 1").json().toString(), 201)
                .path("id")
                .asText();

        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(TRIGGERS);
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        try {
                            HttpResponse<String> r = send("POST", "/api/jobs/" + jobId + "/trigger", "{}");
                            if (r.statusCode() == 202) {
                                acknowledged.add(TestController.JSON
                                        .readTree(r.body())
                                        .path("execution_id")
                                        .asText());
                            } else {
                                refused.incrementAndGet();
                                firstRefusal.compareAndSet(null, r.statusCode() + " " + r.body());
                            }
                        } catch (IOException e) {
                            refused.incrementAndGet(); // the process died under this request: not acknowledged
                            firstRefusal.compareAndSet(null, e.toString());
                        }
                    }
                    return null;
                });
            }
            Awaitility.await("acks before the kill")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(5))
                    .until(() -> {
                        assertTrue(
                                remaining.get() > 0 || acknowledged.size() >= KILL_AFTER_ACKS,
                                () -> "burst over before the kill; first refusal: " + firstRefusal.get());
                        return acknowledged.size() >= KILL_AFTER_ACKS;
                    });
            first.destroyForcibly();
            assertTrue(first.waitFor(10, TimeUnit.SECONDS), "the first controller did not die");
        }
        List<String> acked = List.copyOf(acknowledged);
        assertTrue(
                acked.size() >= KILL_AFTER_ACKS && acked.size() < TRIGGERS,
                () -> "the kill was not mid-burst: " + acked.size() + " acknowledged, " + refused.get() + " refused");

        launch("second");
        for (String id : acked) {
            HttpResponse<String> r = send("GET", "/api/executions/" + id, null);
            assertEquals(200, r.statusCode(), () -> "acknowledged execution " + id + " was lost: " + r.body());
        }
        Map<String, JsonNode> last = new java.util.concurrent.ConcurrentHashMap<>();
        Awaitility.await("every acknowledged execution ends")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    for (String id : acked) {
                        if (!last.containsKey(id)
                                || !Api.TERMINAL.contains(
                                        last.get(id).path("status").asText())) {
                            last.put(
                                    id,
                                    TestController.JSON.readTree(send("GET", "/api/executions/" + id, null)
                                            .body()));
                        }
                    }
                    return last.values().stream()
                            .allMatch(
                                    e -> Api.TERMINAL.contains(e.path("status").asText()));
                });
        Map<String, Integer> outcomes = new TreeMap<>();
        for (JsonNode e : last.values()) {
            String status = e.path("status").asText();
            outcomes.merge(status, 1, Integer::sum);
            if (status.equals("failed")) {
                assertTrue(
                        e.path("stderr").asText().contains("controller stopped while this execution was running"),
                        () -> "a failed execution carries no restart note: " + e);
            } else {
                assertEquals("succeeded", status, e::toString);
            }
        }
        System.out.printf(
                "kill -9 after %d acknowledged triggers (%d refused); outcomes %s%n",
                acked.size(), refused.get(), outcomes);
        assertTrue(outcomes.getOrDefault("succeeded", 0) > 0, () -> "no pending run was re-run: " + outcomes);
        assertTrue(outcomes.getOrDefault("failed", 0) > 0, () -> "no run was in flight at the kill: " + outcomes);
        assertEquals(
                acked.size(),
                outcomes.values().stream().mapToInt(Integer::intValue).sum(),
                outcomes::toString);
        // Recovery ends each stored run in place: the job holds the acknowledged runs, plus at most
        // one per client whose request was committed but not answered before the kill, and no copies.
        long stored = TestController.JSON
                .readTree(send("GET", "/api/jobs/" + jobId + "/executions?per_page=1", null)
                        .body())
                .path("total")
                .asLong();
        assertTrue(
                stored >= acked.size() && stored <= acked.size() + CLIENTS,
                () -> stored + " executions stored for " + acked.size() + " acknowledged triggers");
    }

    private Process launch(String label) throws Exception {
        String jar = System.getProperty("kronforce.jar");
        assertNotNull(jar, "failsafe sets kronforce.jar");
        assertTrue(Files.exists(Path.of(jar)), () -> jar + " missing: run the package phase first");
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                jar);
        pb.environment().put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_BIND", "127.0.0.1:" + port);
        pb.environment().put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", adminKey);
        pb.environment().put("KRONFORCE_RATE_LIMIT_ENABLED", "false"); // the triggers come as fast as they can
        // Few workers: at the kill most acknowledged runs still wait (pending), a few are running.
        pb.environment().put("KRONFORCE_LOCAL_WORKERS", String.valueOf(WORKERS));
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(label + ".log").toFile());
        Process p = pb.start();
        children.add(p);
        Awaitility.await(label + " controller healthy")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    assertTrue(p.isAlive(), () -> "controller exited: " + output(label));
                    return send("GET", "/api/health", null).statusCode() == 200;
                });
        return p;
    }

    private String output(String label) {
        try {
            return Files.readString(dir.resolve(label + ".log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> r = send("POST", path, body);
        assertEquals(status, r.statusCode(), r::body);
        return TestController.JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + adminKey)
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
