package io.kronforce.controller.replication;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.DatabaseSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replication end to end, written once and run against each S3 backend: the packaged controller
 * as a child process with the real Litestream binary. Each test replicates to a prefix of its own
 * in one shared bucket.
 */
abstract class ReplicationScenarios {
    static final String BUCKET = "kronforce-replica";
    static final Duration SYNC = Duration.ofMillis(500);
    /**
     * Writes acknowledged this long before a SIGKILL must survive it: the sync interval, plus
     * Litestream's one-second look at the WAL, plus the upload itself.
     */
    static final Duration SAFE_AGE = SYNC.plus(Duration.ofMillis(1500));

    @TempDir
    Path dir;

    abstract S3Backend s3();

    /** Whether the backend checks request signatures (LocalStack, by default, accepts any key). */
    abstract boolean checksSignatures();

    private Map<String, String> env(String test) throws IOException, InterruptedException {
        return ReplicatedController.env(s3(), BUCKET, test + "-" + UUID.randomUUID(), SYNC);
    }

    /** An acknowledged write: what it created and when the answer came (nanoTime). */
    record Ack(String path, long atNanos) {}

    @Test
    void aStandbyOnAnEmptyFolderTakesOverAfterSigkillWithEveryWriteAcknowledgedBeforeTheLastSync() throws Exception {
        Map<String, String> env = env("sigkill");
        List<Ack> acks = new ArrayList<>();
        String cronJob;
        String operatorKey;
        List<String> slotsBefore;
        long killedAt;
        long takeoverMs;
        try (ReplicatedController a = ReplicatedController.start(dir.resolve("a"), env, "a");
                ReplicatedController b = ReplicatedController.launchOnly(dir.resolve("b"), env, "b")) {
            // b, on an empty folder, waits as a standby: it neither opens a database nor listens.
            cronJob = a.call("POST", "/api/jobs", job("every-2s", "*/2 * * * * *"), 201)
                    .path("id")
                    .asText();
            operatorKey = a.call("POST", "/api/keys", "{\"name\":\"ops\",\"role\":\"operator\"}", 200)
                    .path("raw_key")
                    .asText();
            for (int i = 0; i < 20; i++) {
                String id = a.call("POST", "/api/jobs", job("job-" + i, null), 201)
                        .path("id")
                        .asText();
                acks.add(new Ack("/api/jobs/" + id, System.nanoTime()));
                for (int t = 0; t < 3; t++) {
                    String run = a.call("POST", "/api/jobs/" + id + "/trigger", "{}", 202)
                            .path("execution_id")
                            .asText();
                    acks.add(new Ack("/api/executions/" + run, System.nanoTime()));
                }
            }
            // Let the cron job record a few slots, then keep writing up to the kill.
            Awaitility.await("cron slots recorded")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> slots(a, cronJob).size() >= 2);
            long tailEnds = System.nanoTime() + SAFE_AGE.plusSeconds(2).toNanos();
            for (int i = 0; System.nanoTime() < tailEnds; i++) {
                String id = a.call("POST", "/api/jobs", job("tail-" + i, null), 201)
                        .path("id")
                        .asText();
                acks.add(new Ack("/api/jobs/" + id, System.nanoTime()));
            }
            slotsBefore = slots(a, cronJob);
            Awaitility.await("the standby waits")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> b.output().contains("waiting as a standby"));
            assertFalse(b.listening(), "a standby must not serve while the writer holds the lease");
            // Lose the machine: Litestream and the controller die at once.
            a.litestream().ifPresent(ProcessHandle::destroyForcibly);
            killedAt = System.nanoTime();
            a.kill();
            b.awaitHealthy();
            takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
            String log = b.output();
            assertTrue(log.contains("took over the expired writer lease") && log.contains("restored"), log);
            verifyRestored(b, acks, killedAt, operatorKey, cronJob, slotsBefore);
        }
        System.out.printf(
                "standby takeover: healthy %d ms after the writer's SIGKILL (lease %s s)%n",
                takeoverMs, env.get("KRONFORCE_REPLICA_LEASE_SECS"));
    }

    private static void verifyRestored(
            ReplicatedController b,
            List<Ack> acks,
            long killedAt,
            String operatorKey,
            String cronJob,
            List<String> slotsBefore)
            throws Exception {
        long cutoff = killedAt - SAFE_AGE.toNanos();
        List<Ack> safe = acks.stream().filter(ack -> ack.atNanos() < cutoff).toList();
        assertTrue(safe.size() > 80, () -> "no tail write is older than the cutoff: " + safe.size());
        int lostInTail = 0;
        for (Ack ack : acks) {
            int status = b.send("GET", ack.path(), null).statusCode();
            if (ack.atNanos() < cutoff) {
                assertEquals(200, status, () -> ack.path() + " acknowledged before the cutoff was lost");
            } else if (status != 200) {
                lostInTail++;
            }
        }
        System.out.printf(
                "sigkill: %d acknowledged writes, %d older than %d ms all restored; %d of the %d" + " younger lost%n",
                acks.size(), safe.size(), SAFE_AGE.toMillis(), lostInTail, acks.size() - safe.size());
        assertEquals(
                200,
                b.send(operatorKey, "GET", "/api/jobs", null).statusCode(),
                "the operator key created before the kill does not authenticate after the restore");
        // The scheduler runs on: new slots come, but no slot recorded before the kill fires again.
        Awaitility.await("the restored scheduler fires")
                .atMost(Duration.ofSeconds(30))
                .until(() -> slots(b, cronJob).size() > slotsBefore.size());
        List<String> after = slots(b, cronJob);
        assertEquals(after.size(), new HashSet<>(after).size(), () -> "a cron slot fired twice: " + after);
    }

    @Test
    void litestreamKilledAloneIsRestartedAndACleanStopLosesNothing() throws Exception {
        Map<String, String> env = env("sigterm");
        List<String> created = new ArrayList<>();
        try (ReplicatedController a = ReplicatedController.start(dir.resolve("a"), env, "a")) {
            ProcessHandle first = a.litestream().orElseThrow(() -> new AssertionError("no litestream child"));
            created.add(a.call("POST", "/api/jobs", job("before", null), 201)
                    .path("id")
                    .asText());
            String onFailure = a.call(
                            "POST",
                            "/api/jobs",
                            "{\"name\":\"on-replication-failed\",\"task\":{\"type\":"
                                    + "\"shell\",\"command\":\"true\"},\"schedule\":{\"type\":\"event\",\"value\":{\"kind_pattern\":"
                                    + "\"replication.failed\"}}}",
                            201)
                    .path("id")
                    .asText();
            created.add(onFailure);
            first.destroyForcibly();
            Awaitility.await("litestream restarted")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> a.litestream().map(h -> h.pid() != first.pid()).orElse(false)
                            && a.metric("kronforce_replication_running") == 1);
            assertEquals(1.0, a.metric("kronforce_replication_restarts_total"));
            assertTrue(a.metric("kronforce_replication_down_seconds_total") > 0, "the gap does not show");
            Awaitility.await("failed and recovered events")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> eventKinds(a).containsAll(Set.of("replication.failed", "replication.recovered")));
            Awaitility.await("the event trigger ran")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> a.call("GET", "/api/jobs/" + onFailure + "/executions", null, 200)
                                    .path("data")
                                    .size()
                            > 0);
            JsonNode replication = a.health().path("replication");
            assertTrue(replication.path("running").asBoolean(), replication::toString);
            assertEquals(1, replication.path("restarts").asInt(), replication::toString);
            // Writes up to the instant of SIGTERM: the writer drains, Litestream's final sync takes them.
            for (int i = 0; i < 100; i++) {
                created.add(a.call("POST", "/api/jobs", job("burst-" + i, null), 201)
                        .path("id")
                        .asText());
            }
            assertEquals(0, a.terminate());
            assertTrue(a.litestream().isEmpty(), "litestream outlived a clean stop");
        }
        try (ReplicatedController b = ReplicatedController.start(dir.resolve("b"), env, "b")) {
            // Every lost job by its place in the order of creation (the first few came before the
            // SIGKILL, the last 100 right before SIGTERM), with what the restore said: a loss shows
            // which writes and which generation it concerns, not only that one happened.
            List<String> lost = new ArrayList<>();
            for (int i = 0; i < created.size(); i++) {
                if (b.send("GET", "/api/jobs/" + created.get(i), null).statusCode() != 200) {
                    lost.add("#" + i + " " + created.get(i));
                }
            }
            assertEquals(
                    List.of(),
                    lost,
                    () -> "acknowledged before SIGTERM and lost, of " + created.size() + "; node b's restore:\n"
                            + restoreLines(b));
            assertEquals(0.0, b.metric("kronforce_replication_restarts_total"));
        }
    }

    @Test
    void aWriterWhoseLeaseWasTakenStopsAtOnceWithItsLitestream() throws Exception {
        Map<String, String> env = env("lease-lost");
        String prefix = env.get("KRONFORCE_REPLICA_URL").substring(("s3://" + BUCKET + "/").length());
        try (ReplicatedController a = ReplicatedController.start(dir.resolve("a"), env, "a")) {
            ProcessHandle litestream = a.litestream().orElseThrow();
            // Another controller took the lease: the object changed under the writer's ETag.
            try (var client = s3().client()) {
                client.putObject(
                        r -> r.bucket(BUCKET).key(prefix + "/" + WriterLease.KEY),
                        software.amazon.awssdk.core.sync.RequestBody.fromString(
                                "{\"owner\":\"other\",\"host\":\"elsewhere\",\"database\":\"/x\",\"expires_ms\":"
                                        + Long.MAX_VALUE + "}"));
            }
            assertTrue(a.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the writer kept running");
            String log = a.output();
            assertEquals(3, a.process().exitValue(), log);
            Awaitility.await("its litestream ends too")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !litestream.isAlive());
            assertTrue(log.contains("another controller holds the writer lease"), log);
        }
    }

    @Test
    void aWrongSecretKeyStopsTheStartWithAMessageNamingIt() throws Exception {
        Assumptions.assumeTrue(checksSignatures(), "this backend accepts any secret key");
        Map<String, String> env = env("wrong-secret");
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret");
        ReplicatedController.Exit exit = ReplicatedController.startExpectingExit(dir.resolve("a"), env);
        assertEquals(2, exit.code(), exit::output);
        assertTrue(exit.output().contains("replica bucket '" + BUCKET + "'"), exit::output);
        assertTrue(exit.output().contains("SignatureDoesNotMatch"), exit::output);
        assertFalse(exit.output().contains("not-the-secret"), "the secret reached the log");
        assertFalse(exit.output().contains("Kronforce controller listening"), exit::output);
    }

    @Test
    void aMissingBucketStopsTheStartUnlessTheControllerMayCreateIt() throws Exception {
        String bucket = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> env = env("missing");
        env.put("KRONFORCE_REPLICA_URL", "s3://" + bucket + "/p");
        ReplicatedController.Exit exit = ReplicatedController.startExpectingExit(dir.resolve("a"), env);
        assertEquals(2, exit.code(), exit::output);
        assertTrue(exit.output().contains("replica bucket '" + bucket + "'"), exit::output);
        assertTrue(exit.output().contains("does not exist"), exit::output);

        env.put("KRONFORCE_REPLICA_CREATE_BUCKET", "true");
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        ReplicaSettings settings = ReplicaSettings.fromEnv(env, null).orElseThrow();
        try (var controllers = ReplicaClients.create(settings);
                var client = s3().client()) {
            BucketCheck.run(controllers, settings);
            assertTrue(client.listBuckets().buckets().stream()
                    .anyMatch(x -> x.name().equals(bucket)));
        }
    }

    @Test
    void snapshotsAreTakenByAdminsOnlyListedAndRestoredByNameFromTheCommandLine() throws Exception {
        Map<String, String> env = env("snapshots");
        String jobId;
        String name;
        try (ReplicatedController a = ReplicatedController.start(dir.resolve("a"), env, "a")) {
            jobId = a.call("POST", "/api/jobs", job("kept-in-snapshot", null), 201)
                    .path("id")
                    .asText();
            String operator = a.call("POST", "/api/keys", "{\"name\":\"op\",\"role\":\"operator\"}", 200)
                    .path("raw_key")
                    .asText();
            assertEquals(
                    403,
                    a.send(operator, "POST", "/api/replication/snapshots", null).statusCode());
            assertEquals(
                    403,
                    a.send(operator, "GET", "/api/replication/snapshots", null).statusCode());
            assertEquals(
                    401,
                    a.send("kf_wrong", "GET", "/api/replication/snapshots", null)
                            .statusCode());
            JsonNode taken = a.call("POST", "/api/replication/snapshots", null, 201);
            name = taken.path("name").asText();
            assertTrue(taken.path("size_bytes").asLong() > 0, taken::toString);
            JsonNode listed = a.call("GET", "/api/replication/snapshots", null, 200);
            assertEquals(name, listed.path("data").path(0).path("name").asText(), listed::toString);
            assertEquals(0, a.terminate());
        }
        // Restore by name on an empty folder, with the controller stopped; then it serves the job.
        Path empty = dir.resolve("b");
        ReplicatedController.Exit restore = ReplicatedController.run(empty, env, "--restore-snapshot", name);
        assertEquals(0, restore.code(), restore::output);
        // A second controller on another prefix: the restored file must not come from Litestream's replica.
        Map<String, String> elsewhere = env("snapshots-elsewhere");
        try (ReplicatedController b = ReplicatedController.start(empty, elsewhere, "b")) {
            assertEquals(200, b.send("GET", "/api/jobs/" + jobId, null).statusCode());
        }
        ReplicatedController.Exit again = ReplicatedController.run(empty, env, "--restore-snapshot", name);
        assertEquals(2, again.code(), again::output);
        assertTrue(again.output().contains("exists"), again::output);
    }

    @Test
    void aSnapshotLargerThanOnePartIsUploadedInPartsAndComesBackWhole() throws Exception {
        Map<String, String> env = env("multipart");
        env.put("PATH", System.getenv().getOrDefault("PATH", ""));
        ReplicaSettings settings = ReplicaSettings.fromEnv(env, null).orElseThrow();
        Path file = dir.resolve("big/kronforce.db");
        long rows;
        Snapshots.Snapshot snapshot;
        try (Database db = Database.open(new DatabaseSettings(file, 1, Duration.ofSeconds(5), true))) {
            db.write(c -> c.createStatement().execute("CREATE TABLE ballast (n INTEGER, body BLOB NOT NULL)"));
            db.write(c -> c.createStatement()
                    .executeUpdate("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM"
                            + " k WHERE n < 300) INSERT INTO ballast SELECT n, randomblob(65536) FROM k"));
            rows = 300;
            snapshot = new Snapshots(settings, db, java.time.InstantSource.system()).take();
        }
        assertTrue(snapshot.sizeBytes() > Snapshots.PART_BYTES, () -> "not larger than a part: " + snapshot);
        Path restored = dir.resolve("restored/kronforce.db");
        assertEquals(snapshot.sizeBytes(), Snapshots.restore(settings, snapshot.name(), restored));
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + restored);
                var rs = c.createStatement().executeQuery("SELECT count(*), sum(length(body)) FROM ballast")) {
            rs.next();
            assertEquals(rows, rs.getLong(1));
            assertEquals(rows * 65536, rs.getLong(2));
        }
    }

    private static String job(String name, String cron) {
        String schedule = cron == null ? "{\"type\":\"on_demand\"}" : "{\"type\":\"cron\",\"value\":\"" + cron + "\"}";
        return "{\"name\":\"" + name + "\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},\"schedule\":" + schedule
                + "}";
    }

    /** The cron slots the job's executions were fired for, newest first. */
    private static List<String> slots(ReplicatedController c, String jobId) throws IOException, InterruptedException {
        JsonNode page = c.call("GET", "/api/jobs/" + jobId + "/executions?per_page=200", null, 200);
        List<String> out = new ArrayList<>();
        page.path("data").forEach(e -> out.add(e.path("scheduled_for").asText()));
        return out;
    }

    private static Set<String> eventKinds(ReplicatedController c) throws IOException, InterruptedException {
        HttpResponse<String> r = c.send("GET", "/api/events?per_page=200", null);
        Set<String> kinds = new HashSet<>();
        ReplicatedController.JSON
                .readTree(r.body())
                .path("data")
                .forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    /** The lines node {@code c} logged about its restore from the replica (for a failure's message). */
    private static String restoreLines(ReplicatedController c) {
        try {
            return c.output()
                    .lines()
                    .filter(l -> l.contains("litestream restore"))
                    .collect(Collectors.joining("\n"));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
