package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.PackagedController;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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

    PackagedController controller;

    @AfterEach
    void killChildren() throws InterruptedException {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void everyAcknowledgedTriggerSurvivesAKill9AndReachesATerminalState() throws Exception {
        // Few workers: at the kill most acknowledged runs still wait (pending), a few are running.
        controller = PackagedController.start(dir, Map.of("KRONFORCE_LOCAL_WORKERS", String.valueOf(WORKERS)), "first");
        String jobId = controller
                .call("POST", "/api/jobs", Jobs.shell("burst", "sleep 1").json().toString(), 201)
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
                            HttpResponse<String> r = controller.send("POST", "/api/jobs/" + jobId + "/trigger", "{}");
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
            controller.kill9();
        }
        List<String> acked = List.copyOf(acknowledged);
        assertTrue(
                acked.size() >= KILL_AFTER_ACKS && acked.size() < TRIGGERS,
                () -> "the kill was not mid-burst: " + acked.size() + " acknowledged, " + refused.get() + " refused");

        controller.restart("second");
        for (String id : acked) {
            HttpResponse<String> r = controller.send("GET", "/api/executions/" + id, null);
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
                                    TestController.JSON.readTree(controller
                                            .send("GET", "/api/executions/" + id, null)
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
                .readTree(controller
                        .send("GET", "/api/jobs/" + jobId + "/executions?per_page=1", null)
                        .body())
                .path("total")
                .asLong();
        assertTrue(
                stored >= acked.size() && stored <= acked.size() + CLIENTS,
                () -> stored + " executions stored for " + acked.size() + " acknowledged triggers");
    }
}
