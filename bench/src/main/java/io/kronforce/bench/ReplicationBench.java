package io.kronforce.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Replication figures (docs/REPLICATION.md), against S3Proxy in-process on loopback with the real
 * Litestream binary:
 * <ul>
 * <li>R1 lag: a writer commits one row per transaction at {@code --rate} per second into a WAL
 *     file replicated with the controller's settings (sync interval 1 s, PASSIVE checkpoints
 *     every 200 ms); a sampler restores the replica again and again: staleness = restore start −
 *     commit time of the newest row it brought back.</li>
 * <li>R2 loss: at the end the writer stops and Litestream is SIGKILLed at the same instant; the
 *     rows committed but not restorable are the acknowledged writes a lost machine loses.</li>
 * <li>R3 restore time of a controller database with {@code --jobs} jobs and {@code --executions}
 *     executions, generated with SQL into the controller's own schema.</li>
 * <li>R4 write throughput (POST /api/jobs, closed loop) of the packaged controller with
 *     replication on ÷ off, in the same run.</li>
 * </ul>
 * {@code bench/replication.sh [--duration-s 30] [--rate 500] [--jobs 100000] [--executions 1000000]}
 */
public final class ReplicationBench {
    private static final String ID = "AKIDREPLBENCH";
    private static final String SECRET = "replication-bench-secret";
    private static final String BUCKET = "kf-repl-bench";

    private final Path scratch;
    private final Path litestream;
    private final String endpoint;
    private final Map<String, String> opts;
    private final StringBuilder out = new StringBuilder();

    private ReplicationBench(Path scratch, Path litestream, String endpoint, Map<String, String> opts) {
        this.scratch = scratch;
        this.litestream = litestream;
        this.endpoint = endpoint;
        this.opts = opts;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>(Map.of(
                "--duration-s",
                "30",
                "--rate",
                "500",
                "--jobs",
                "100000",
                "--executions",
                "1000000",
                "--clients",
                "16",
                "--window-s",
                "5",
                "--jar",
                "controller/target/kronforce-controller.jar",
                "--only",
                "r1,r2,r3,r4"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        String bin = System.getenv("KRONFORCE_LITESTREAM_BIN");
        if (bin == null) {
            throw new IllegalStateException("KRONFORCE_LITESTREAM_BIN not set (bench/replication.sh sets it)");
        }
        QuietLogs.apply();
        Path scratch = Files.createTempDirectory("kronforce-repl-bench-");
        Properties p = new Properties();
        p.setProperty(
                "jclouds.filesystem.basedir",
                Files.createDirectories(scratch.resolve("blobs")).toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", p))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ID, SECRET)
                .build();
        proxy.start();
        String endpoint = "http://127.0.0.1:" + proxy.getPort();
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ID, SECRET)))
                .build()) {
            s3.createBucket(r -> r.bucket(BUCKET));
        }
        ReplicationBench bench = new ReplicationBench(scratch, Path.of(bin), endpoint, opts);
        try {
            String only = opts.get("--only");
            if (only.contains("r1") || only.contains("r2")) {
                bench.lagAndLoss();
            }
            if (only.contains("r3")) {
                bench.restoreLarge();
            }
            if (only.contains("r4")) {
                bench.throughputOnOff();
            }
        } finally {
            proxy.stop();
        }
        System.out.println();
        System.out.println(bench.out);
        Path dir = Path.of(opts.getOrDefault("--out", "bench/out"));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("replication.md"), bench.out.toString());
    }

    private void line(String format, Object... args) {
        String s = String.format(Locale.ROOT, format, args);
        System.out.println(s);
        out.append(s).append('\n');
    }

    // ---- R1, R2 -------------------------------------------------------------------------------

    private void lagAndLoss() throws Exception {
        int rate = Integer.parseInt(opts.get("--rate"));
        Duration duration = Duration.ofSeconds(Long.parseLong(opts.get("--duration-s")));
        Path db = scratch.resolve("lag/lag.db");
        Files.createDirectories(db.getParent());
        Connection writer = connect(db);
        try (Statement s = writer.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, committed_ms INTEGER NOT NULL, pad BLOB NOT NULL)");
            s.execute("PRAGMA wal_autocheckpoint=10000");
        }
        Path config = config(db, "lag", 1000);
        Process replicate = litestream(List.of("replicate", "-config", config.toString()), scratch.resolve("lag.log"));
        Connection checkpoints = connect(db);
        AtomicLong committed = new AtomicLong();
        AtomicLong lastCommittedMs = new AtomicLong();
        List<Long> staleness = new ArrayList<>();
        Thread checkpointer = Thread.ofPlatform().daemon(true).start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try (Statement s = checkpoints.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    Thread.sleep(200);
                } catch (SQLException | InterruptedException e) {
                    return;
                }
            }
        });
        Thread.sleep(2000); // Litestream's first snapshot
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        AtomicInteger samples = new AtomicInteger();
        Thread sampler = Thread.ofPlatform().daemon(true).start(() -> {
            int n = 0;
            while (System.nanoTime() < end - TimeUnit.SECONDS.toNanos(1)) {
                try {
                    long t = System.currentTimeMillis();
                    long[] newest = restoreNewest(config, db, scratch.resolve("lag/sample-" + n++ + ".db"));
                    if (newest[1] > 0 && System.nanoTime() > start + TimeUnit.SECONDS.toNanos(3)) {
                        synchronized (staleness) {
                            staleness.add(t - newest[1]);
                        }
                        samples.incrementAndGet();
                    }
                } catch (Exception e) {
                    return;
                }
            }
        });
        try (PreparedStatement insert =
                writer.prepareStatement("INSERT INTO t (committed_ms, pad) VALUES (?, randomblob(200))")) {
            long period = TimeUnit.SECONDS.toNanos(1) / rate;
            long next = System.nanoTime();
            while (next < end) {
                long now = System.currentTimeMillis();
                insert.setLong(1, now);
                insert.executeUpdate(); // autocommit: one transaction, durable at return
                committed.incrementAndGet();
                lastCommittedMs.set(now);
                next += period;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
        double achieved = committed.get() / (duration.toNanos() / 1e9);
        // The machine is lost: writer and Litestream stop at the same instant.
        replicate.destroyForcibly();
        replicate.waitFor();
        checkpointer.interrupt();
        sampler.join();
        long[] after = restoreNewest(config, db, scratch.resolve("lag/after-kill.db"));
        long lost = committed.get() - after[0];
        long[] st = staleness.stream().mapToLong(Long::longValue).sorted().toArray();
        line(
                "R1 replication lag at %.0f commits/s (target %d), sync interval 1 s, %d restores sampled:"
                        + " p50 %d ms, p99 %d ms, max %d ms",
                achieved, rate, st.length, pct(st, 50), pct(st, 99), st.length == 0 ? -1 : st[st.length - 1]);
        line(
                "R2 acknowledged writes lost after SIGKILL of writer and Litestream together: %d of %d (the last %d ms"
                        + " of commits)",
                lost, committed.get(), lastCommittedMs.get() - after[1]);
        writer.close();
        checkpoints.close();
    }

    /** Restores the replica into {@code target}; returns {rows, newest committed_ms}. */
    private long[] restoreNewest(Path config, Path db, Path target) throws Exception {
        Files.deleteIfExists(target);
        Process p = litestream(
                List.of("restore", "-config", config.toString(), "-o", target.toString(), db.toString()),
                target.resolveSibling(target.getFileName() + ".log"));
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(
                    "restore failed: " + Files.readString(target.resolveSibling(target.getFileName() + ".log")));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
                ResultSet rs =
                        c.createStatement().executeQuery("SELECT count(*), coalesce(max(committed_ms), 0) FROM t")) {
            rs.next();
            long[] r = {rs.getLong(1), rs.getLong(2)};
            Files.deleteIfExists(target);
            return r;
        }
    }

    // ---- R3 -----------------------------------------------------------------------------------

    private void restoreLarge() throws Exception {
        int jobs = Integer.parseInt(opts.get("--jobs"));
        int executions = Integer.parseInt(opts.get("--executions"));
        Path dir = Files.createDirectories(scratch.resolve("large"));
        // The controller's own schema: one start on an empty file runs every migration.
        try (Controller c = Controller.start(Path.of(opts.get("--jar")), dir, scratch.resolve("large-schema.log"))) {
            c.awaitHealthy(Duration.ofSeconds(120));
        }
        Path db = dir.resolve("kronforce.db");
        long genStart = System.nanoTime();
        try (Connection c = connect(db);
                Statement s = c.createStatement()) {
            s.execute("BEGIN");
            s.execute("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < " + jobs + ")"
                    + " INSERT INTO jobs (id, name, spec_json, created_at_ms, updated_at_ms)"
                    + " SELECT printf('job-%08d', n), printf('bench-job-%08d', n),"
                    + " '{\"task\":{\"type\":\"shell\",\"command\":\"echo hello\"},\"schedule\":{\"type\":\"cron\","
                    + "\"value\":\"0 */5 * * * *\"},\"timeout_secs\":300}', 1767225600000, 1767225600000 FROM k");
            s.execute("WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < " + executions + ")"
                    + " INSERT INTO executions (id, job_id, task_snapshot_json, status, exit_code, stdout,"
                    + " started_at_ms, finished_at_ms, triggered_by_json, created_at_ms, scheduled_for_ms)"
                    + " SELECT printf('exec-%09d', n), printf('job-%08d', 1 + n % " + jobs + "),"
                    + " '{\"type\":\"shell\",\"command\":\"echo hello\"}', 'succeeded', 0, 'hello' || char(10),"
                    + " 1767225600000 + n * 1000, 1767225600000 + n * 1000 + 20, '{\"type\":\"scheduler\"}',"
                    + " 1767225600000 + n * 1000, 1767225600000 + n * 1000 FROM k");
            s.execute("COMMIT");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        long genMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - genStart);
        long size = Files.size(db);
        Path config = config(db, "large", 1000);
        Process replicate =
                litestream(List.of("replicate", "-config", config.toString()), scratch.resolve("large.log"));
        long uploadStart = System.nanoTime();
        awaitLog(scratch.resolve("large.log"), "snapshot written", Duration.ofMinutes(10));
        long uploadMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - uploadStart);
        replicate.toHandle().destroy();
        replicate.waitFor(60, TimeUnit.SECONDS);
        Path target = scratch.resolve("large-restored.db");
        long restoreStart = System.nanoTime();
        Process restore = litestream(
                List.of("restore", "-config", config.toString(), "-o", target.toString(), db.toString()),
                scratch.resolve("large-restore.log"));
        if (!restore.waitFor(30, TimeUnit.MINUTES) || restore.exitValue() != 0) {
            throw new IOException("restore failed: " + Files.readString(scratch.resolve("large-restore.log")));
        }
        long restoreMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restoreStart);
        long rows;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + target);
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT (SELECT count(*) FROM jobs) + (SELECT count(*)" + " FROM executions)")) {
            rs.next();
            rows = rs.getLong(1);
        }
        line(
                "R3 restore of a database with %,d jobs and %,d executions (%.0f MiB, generated in %d ms, first snapshot"
                        + " uploaded in %d ms): %d ms, %,d rows back",
                jobs, executions, size / 1048576.0, genMs, uploadMs, restoreMs, rows);
    }

    // ---- R4 -----------------------------------------------------------------------------------

    /**
     * Both controllers run at once and take turns: {@code --rounds} windows each, off and on
     * alternating, so the machine's drift (it is shared) lands on both sides alike.
     */
    @SuppressWarnings("try") // 'orphans' is in the try only to be closed last
    private void throughputOnOff() throws Exception {
        int clients = Integer.parseInt(opts.get("--clients"));
        Duration window = Duration.ofSeconds(Long.parseLong(opts.get("--window-s")));
        int rounds = Integer.parseInt(opts.getOrDefault("--rounds", "6"));
        int warmupRounds = Integer.parseInt(opts.getOrDefault("--warmup-rounds", "2"));
        Map<String, String> replicated = Map.of(
                "KRONFORCE_REPLICA_URL",
                "s3://" + BUCKET + "/r4",
                "KRONFORCE_REPLICA_ENDPOINT",
                endpoint,
                "KRONFORCE_LITESTREAM_BIN",
                litestream.toString(),
                "AWS_ACCESS_KEY_ID",
                ID,
                "AWS_SECRET_ACCESS_KEY",
                SECRET);
        // Closed in reverse: the controllers stop first, then any Litestream left behind is ended.
        try (AutoCloseable orphans = () -> endLitestream(scratch.resolve("r4-on/kronforce.db.litestream.pid"));
                Controller off = controller(Map.of(), "off");
                Controller on = controller(replicated, "on")) {
            AtomicLong seq = new AtomicLong();
            double offOk = 0;
            double onOk = 0;
            double seconds = 0;
            List<String> perRound = new ArrayList<>();
            for (int round = 0; round < warmupRounds; round++) { // JIT and caches of both, not counted
                createJobs(off, seq, clients, window);
                createJobs(on, seq, clients, window);
            }
            for (int round = 0; round < rounds; round++) {
                boolean offFirst = round % 2 == 0;
                LoadRunner.Result a = offFirst ? createJobs(off, seq, clients, window) : null;
                LoadRunner.Result b = createJobs(on, seq, clients, window);
                if (!offFirst) {
                    a = createJobs(off, seq, clients, window);
                }
                offOk += a.ok();
                onOk += b.ok();
                seconds += a.seconds();
                perRound.add(String.format(Locale.ROOT, "%.0f/%.0f", a.perSecond(), b.perSecond()));
            }
            line(
                    "R4 job creation (POST /api/jobs, %d clients, %d rounds of %d s each after %d warm-up rounds, order"
                            + " alternating): replication off %.0f/s, on %.0f/s, on ÷ off %.2f (per round off/on: %s)",
                    clients,
                    rounds,
                    window.toSeconds(),
                    warmupRounds,
                    offOk / seconds,
                    onOk / seconds,
                    onOk / offOk,
                    String.join(", ", perRound));
        }
    }

    /**
     * The driver gives a controller 10 s to stop before SIGKILL; a replicating one killed that way
     * leaves its Litestream behind (it ends only at its next log line). End it by its pid file.
     */
    private static void endLitestream(Path pidFile) throws IOException {
        if (Files.exists(pidFile)) {
            ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
                    .ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private Controller controller(Map<String, String> env, String label) throws Exception {
        Path dir = Files.createDirectories(scratch.resolve("r4-" + label));
        Controller c = Controller.start(Path.of(opts.get("--jar")), dir, scratch.resolve("r4-" + label + ".log"), env);
        c.awaitHealthy(Duration.ofSeconds(120));
        return c;
    }

    private static LoadRunner.Result createJobs(Controller c, AtomicLong seq, int clients, Duration window)
            throws InterruptedException {
        return LoadRunner.run(
                clients,
                Duration.ofSeconds(1),
                window,
                () -> c.api()
                                .post(
                                        "/api/jobs",
                                        "{\"name\":\"r4-" + seq.incrementAndGet()
                                                + "\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                                                + "\"schedule\":{\"type\":\"on_demand\"}}")
                                .status()
                        == 201);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Path config(Path db, String prefix, long syncMs) throws IOException {
        Path file = db.resolveSibling(db.getFileName() + ".litestream.yml");
        Files.writeString(
                file,
                "addr: \"127.0.0.1:0\"\ndbs:\n  - path: \"" + db.toAbsolutePath() + "\"\n    replicas:\n"
                        + "      - type: s3\n        bucket: \"" + BUCKET + "\"\n        path: \"" + prefix + "/v03\"\n"
                        + "        region: \"us-east-1\"\n        endpoint: \"" + endpoint
                        + "\"\n        force-path-style: true\n"
                        + "        sync-interval: " + syncMs + "ms\n");
        return file;
    }

    private Process litestream(List<String> args, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(litestream.toString());
        command.addAll(args);
        ProcessBuilder pb =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("LITESTREAM_ACCESS_KEY_ID", ID);
        pb.environment().put("LITESTREAM_SECRET_ACCESS_KEY", SECRET);
        return pb.start();
    }

    private static void awaitLog(Path log, String text, Duration limit) throws IOException, InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < until) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("no '" + text + "' in " + log + " within " + limit);
    }

    private static Connection connect(Path db) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
        }
        return c;
    }

    private static long pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return -1;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
