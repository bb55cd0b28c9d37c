package io.kronforce.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged controller as a child process: a fresh database in {@code workDir}, a free
 * loopback port, a generated admin key, and egress allowed to loopback only (for the HTTP task).
 */
public final class Controller implements AutoCloseable {

    /** The controller's setting of SQLite's {@code PRAGMA synchronous} ({@code normal} or {@code full}). */
    static final String DB_SYNC_ENV = "KRONFORCE_DB_SYNCHRONOUS";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChildProcess process;
    private final HttpApi api;
    private final HttpApi anonymous;
    private final Path dbFile;
    private final URI base;
    private final String adminKey;

    private Controller(ChildProcess process, URI base, String adminKey, Path dbFile) {
        this.process = process;
        this.base = base;
        this.dbFile = dbFile;
        this.adminKey = adminKey;
        this.api = new HttpApi(base, adminKey);
        this.anonymous = new HttpApi(base, null);
    }

    /**
     * Spawns {@code java -jar jar} on the database {@code workDir/kronforce.db} (created if absent,
     * reused if a previous controller left it); returns at once (see {@link #awaitHealthy}). On a
     * reused database the generated admin key is not bootstrapped (a key exists), so only health
     * checks work.
     */
    public static Controller start(Path jar, Path workDir, Path log) throws IOException {
        return start(jar, workDir, log, Map.of());
    }

    /** As {@link #start(Path, Path, Path)}, with more environment (replication settings, say). */
    public static Controller start(Path jar, Path workDir, Path log, Map<String, String> extraEnv) throws IOException {
        return start(jar, workDir, log, extraEnv, List.of());
    }

    /** As {@link #start(Path, Path, Path, Map)}, with JVM flags before {@code -jar} (an AOT cache, say). */
    public static Controller start(
            Path jar, Path workDir, Path log, Map<String, String> extraEnv, List<String> jvmFlags) throws IOException {
        int port = HttpApi.freePort();
        String adminKey = newAdminKey();
        Path dbFile = workDir.resolve("kronforce.db");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "KRONFORCE_DB",
                dbFile.toString(),
                "KRONFORCE_BIND",
                "127.0.0.1:" + port,
                "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
                adminKey,
                "KRONFORCE_EGRESS_ALLOW",
                "127.0.0.1/32"));
        // The load driver is one client address and one key far beyond any request budget: limits
        // off, unless the bench's own environment sets them (to measure what they cost, with a budget
        // the load stays under: KRONFORCE_RATE_LIMIT_AUTHENTICATED=1000000).
        if (System.getenv("KRONFORCE_RATE_LIMIT_ENABLED") == null) {
            env.put("KRONFORCE_RATE_LIMIT_ENABLED", "false");
        }
        env.putAll(extraEnv);
        List<String> args = new java.util.ArrayList<>(jvmFlags);
        args.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
        ChildProcess child =
                ChildProcess.start(ChildProcess.javaCommand(args.toArray(String[]::new)), env, workDir, log);
        return new Controller(child, URI.create("http://127.0.0.1:" + port), adminKey, dbFile);
    }

    /** {@code http://127.0.0.1:<port>}, for clients other than {@link HttpApi} (the dashboard's). */
    public URI base() {
        return base;
    }

    /** {@code kf_} + 43 base64url characters (32 random bytes), the upstream key shape. */
    static String newAdminKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "kf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * Polls {@code GET /api/health} every 5 ms until it answers 200.
     *
     * @return time from spawn to the first 200
     */
    public Duration awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        long deadline = process.startedNanos() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("controller exited during startup:\n" + process.logTail());
            }
            if (healthy()) {
                return Duration.ofNanos(System.nanoTime() - process.startedNanos());
            }
            Thread.sleep(5);
        }
        throw new IOException("controller not healthy within " + timeout + ":\n" + process.logTail());
    }

    private boolean healthy() throws InterruptedException {
        try {
            return anonymous.get("/api/health").status() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** Creates an on-demand HTTP GET job for {@code url}; returns its id. */
    public String createHttpJob(String name, String url) throws IOException, InterruptedException {
        String body = """
                {"name":"%s","task":{"type":"http","method":"get","url":"%s"},"schedule":{"type":"on_demand"}}""".formatted(name, url);
        HttpApi.Response response = api.post("/api/jobs", body);
        if (response.status() != 201) {
            throw new IOException(
                    "POST /api/jobs -> " + response.status() + ": " + JsonFields.abbreviate(response.body()));
        }
        return JsonFields.get(response.body(), "id");
    }

    /** The admin key this controller bootstrapped (a fresh one per start; see {@link #start}). */
    public String adminKey() {
        return adminKey;
    }

    /** The authenticated API client (admin key). */
    public HttpApi api() {
        return api;
    }

    /** The SQLite file; read it only after {@link #close()}, when the controller no longer writes. */
    public Path dbFile() {
        return dbFile;
    }

    /** The controller process (for RSS and logs). */
    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
