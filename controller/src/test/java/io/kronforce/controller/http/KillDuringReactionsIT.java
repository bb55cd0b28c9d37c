package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.PackagedController;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL in the middle of the paths that start a run from another run or from a person: the
 * dependency cascade, retries and approvals. After a restart on the same file, each reaction the
 * controller owed happens exactly once: no child run lost or doubled, no retry chain cut short or
 * repeated, no acknowledged approval left waiting.
 */
class KillDuringReactionsIT {
    private static final int CLIENTS = 8;

    @TempDir
    Path dir;

    PackagedController controller;

    @AfterEach
    void stop() throws InterruptedException {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void everySucceededParentCascadesExactlyOnceAcrossAKill9() throws Exception {
        controller = PackagedController.start(dir, Map.of("KRONFORCE_LOCAL_WORKERS", "4"), "first");
        // One child per parent, each parent run once: every success satisfies its child's dependency,
        // so every success owes exactly one child run, whatever order the burst finishes in.
        int pairs = 120;
        Map<String, String> childOf = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs; i++) {
            String parent = createJob(Jobs.shell("parent-" + i, "true").json());
            childOf.put(
                    parent,
                    createJob(Jobs.shell("child-" + i, "true").dependsOn(parent).json()));
        }
        java.util.Iterator<String> parents = List.copyOf(childOf.keySet()).iterator();

        List<String> acked = burst(pairs, 50, () -> "/api/jobs/" + nextOf(parents) + "/trigger");
        controller.restart("second");

        int succeeded = 0;
        for (var pair : childOf.entrySet()) {
            List<JsonNode> parentRuns = awaitSettled(pair.getKey(), Duration.ZERO);
            boolean success =
                    parentRuns.stream().anyMatch(e -> e.path("status").asText().equals("succeeded"));
            if (success) {
                Awaitility.await("the child of " + pair.getKey())
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> !executions(pair.getValue()).isEmpty());
            }
            List<JsonNode> children = awaitSettled(pair.getValue(), Duration.ZERO);
            if (success) {
                succeeded++;
                String parentRun = parentRuns.getFirst().path("id").asText();
                assertEquals(1, children.size(), () -> "children of the success " + parentRun + ": " + children);
                assertEquals(
                        parentRun,
                        children.getFirst()
                                .path("triggered_by")
                                .path("parent_execution_id")
                                .asText());
            } else {
                assertEquals(List.of(), children, "a child without a succeeded parent");
            }
        }
        assertTrue(
                succeeded >= acked.size() / 2, succeeded + " of " + acked.size() + " acknowledged parents succeeded");
        System.out.printf(
                "cascade: %d acknowledged, %d parents succeeded, each with one child%n", acked.size(), succeeded);
    }

    private static synchronized String nextOf(java.util.Iterator<String> it) {
        return it.next();
    }

    @Test
    void everyRetryChainRunsToItsLastAttemptExactlyOnceAcrossAKill9() throws Exception {
        controller = PackagedController.start(dir, Map.of("KRONFORCE_LOCAL_WORKERS", "4"), "first");
        ObjectNode flaky = Jobs.shell("flaky", "exit 3").json();
        flaky.put("retry_max", 2).put("retry_delay_secs", 1);
        String job = createJob(flaky);

        List<String> acked = burst(120, 50, () -> "/api/jobs/" + job + "/trigger");
        controller.restart("second");

        List<JsonNode> runs = awaitSettled(job);
        Map<String, JsonNode> byId =
                runs.stream().collect(Collectors.toMap(e -> e.path("id").asText(), e -> e));
        Map<String, List<Integer>> attemptsPerChain = new TreeMap<>();
        for (JsonNode e : runs) {
            attemptsPerChain
                    .computeIfAbsent(chainRoot(e, byId), k -> new ArrayList<>())
                    .add(e.path("attempt_number").asInt());
        }
        for (String id : acked) {
            List<Integer> attempts = attemptsPerChain.get(id).stream().sorted().toList();
            assertEquals(List.of(1, 2, 3), attempts, () -> "attempts of the chain started by " + id);
        }
        System.out.printf("retries: %d acknowledged chains, %d runs%n", acked.size(), runs.size());
    }

    @Test
    void everyAcknowledgedApprovalRunsExactlyOnceAcrossAKill9() throws Exception {
        controller = PackagedController.start(dir, Map.of("KRONFORCE_LOCAL_WORKERS", "4"), "first");
        ObjectNode gatedJob = Jobs.shell("gated", "true").json();
        gatedJob.put("approval_required", true);
        String job = createJob(gatedJob);
        ConcurrentLinkedQueue<String> waiting = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 150; i++) {
            JsonNode r = controller.call("POST", "/api/jobs/" + job + "/trigger", "{}", 202);
            waiting.add(r.path("execution_id").asText());
        }

        List<String> acked = burst(150, 60, () -> "/api/executions/" + waiting.remove() + "/approve");
        controller.restart("second");

        Map<String, JsonNode> runs = awaitSettled(job).stream()
                .collect(Collectors.toMap(e -> e.path("id").asText(), Function.identity()));
        assertEquals(150, runs.size(), "an approval made a new row instead of moving the waiting one");
        for (String id : acked) {
            JsonNode e = runs.get(id);
            assertTrue(Api.TERMINAL.contains(e.path("status").asText()), () -> "approved but not run: " + e);
        }
        Map<String, Long> outcomes = runs.values().stream()
                .collect(Collectors.groupingBy(e -> e.path("status").asText(), Collectors.counting()));
        System.out.printf("approvals: %d acknowledged; outcomes %s%n", acked.size(), outcomes);
    }

    private String createJob(JsonNode spec) throws IOException, InterruptedException {
        return controller
                .call("POST", "/api/jobs", spec.toString(), 201)
                .path("id")
                .asText();
    }

    /**
     * Sends {@code total} POSTs from {@link #CLIENTS} clients and kills the controller with SIGKILL
     * once {@code killAfter} were acknowledged; the execution ids of the acknowledged ones.
     */
    private List<String> burst(int total, int killAfter, Supplier<String> path) throws Exception {
        ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
        AtomicInteger remaining = new AtomicInteger(total);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    while (remaining.getAndDecrement() > 0) {
                        String target = path.get();
                        try {
                            var r = controller.send("POST", target, "{}");
                            if (r.statusCode() / 100 == 2) {
                                JsonNode body = TestController.JSON.readTree(r.body());
                                String id = body.path("execution_id")
                                        .asText(body.path("id").asText());
                                acknowledged.add(id.isEmpty() ? target.split("/")[3] : id);
                            }
                        } catch (IOException e) {
                            // the process died under this request: not acknowledged
                        }
                    }
                    return null;
                });
            }
            Awaitility.await("acknowledgements before the kill")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(2))
                    .until(() -> acknowledged.size() >= killAfter || remaining.get() <= 0);
            controller.kill9();
        }
        List<String> acked = List.copyOf(acknowledged);
        assertTrue(
                acked.size() >= killAfter && acked.size() < total,
                () -> "the kill was not mid-burst: " + acked.size() + " of " + total + " acknowledged");
        return acked;
    }

    /**
     * Every execution of {@code job}, once none of them is waiting or running and the list has not
     * changed for three seconds (longer than the retry delay, so a planned retry shows up first).
     */
    private List<JsonNode> awaitSettled(String job) {
        return awaitSettled(job, Duration.ofSeconds(3));
    }

    /** As above, with {@code quiet}: how long the list must stay the same (zero: settled once). */
    private List<JsonNode> awaitSettled(String job, Duration quiet) {
        List<JsonNode> last = new ArrayList<>();
        AtomicInteger unchanged = new AtomicInteger();
        Awaitility.await("the runs of " + job + " settle")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(quiet.isZero() ? 100 : 1000))
                .until(() -> {
                    List<JsonNode> now = executions(job);
                    boolean resting = now.stream()
                            .allMatch(
                                    e -> Api.TERMINAL.contains(e.path("status").asText())
                                            || e.path("status").asText().equals("pending_approval"));
                    unchanged.set(resting && now.equals(last) ? unchanged.get() + 1 : 0);
                    last.clear();
                    last.addAll(now);
                    return unchanged.get() >= Math.max(1, quiet.toSeconds());
                });
        return List.copyOf(last);
    }

    private List<JsonNode> executions(String job) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode r =
                    controller.call("GET", "/api/jobs/" + job + "/executions?per_page=100&page=" + page, null, 200);
            r.path("data").forEach(all::add);
            if (r.path("data").size() < 100) {
                return all;
            }
        }
    }

    /** The first attempt of the retry chain {@code e} belongs to. */
    private static String chainRoot(JsonNode e, Map<String, JsonNode> byId) {
        JsonNode at = e;
        while (at.hasNonNull("retry_of") && byId.containsKey(at.path("retry_of").asText())) {
            at = byId.get(at.path("retry_of").asText());
        }
        return at.path("id").asText();
    }
}
