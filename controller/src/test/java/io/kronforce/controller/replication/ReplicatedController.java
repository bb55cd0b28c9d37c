package io.kronforce.controller.replication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The packaged controller as a child process, replicating to an S3 backend, on a free loopback port. */
final class ReplicatedController implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String ADMIN_KEY = "kf_replication-test-admin-key-0123456789abcdefghijk";

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Process process;
    private final Path log;
    private final int port;

    private ReplicatedController(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** The environment of a controller replicating {@code dir/kronforce.db} to {@code s3://bucket/prefix}. */
    static Map<String, String> env(S3Backend s3, String bucket, String prefix, Duration syncInterval)
            throws IOException, InterruptedException {
        Map<String, String> env = new HashMap<>();
        env.put("KRONFORCE_REPLICA_URL", "s3://" + bucket + "/" + prefix);
        env.put("KRONFORCE_REPLICA_ENDPOINT", s3.endpoint());
        env.put("KRONFORCE_REPLICA_PATH_STYLE", "true");
        env.put("KRONFORCE_REPLICA_SYNC_INTERVAL_MS", String.valueOf(syncInterval.toMillis()));
        env.put("KRONFORCE_REPLICA_LEASE_SECS", "3"); // a killed writer's lease runs out quickly
        env.put("KRONFORCE_LITESTREAM_BIN", LitestreamBinary.path().toString());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        return env;
    }

    static Process launch(Path dir, Map<String, String> env, Path log, int port, String... args) throws IOException {
        Files.createDirectories(dir);
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-jar",
                System.getProperty("kronforce.jar")));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().keySet().removeIf(k -> k.startsWith("KRONFORCE_") || k.startsWith("AWS_"));
        pb.environment().put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_BIND", "127.0.0.1:" + port);
        pb.environment().put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
        pb.environment().put("KRONFORCE_LOCAL_WORKERS", "16");
        pb.environment().put("KRONFORCE_RATE_LIMIT_ENABLED", "false"); // writes as fast as the test can
        pb.environment().putAll(env);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    /** Starts a controller and waits until it answers its health route. */
    static ReplicatedController start(Path dir, Map<String, String> env, String label)
            throws IOException, InterruptedException {
        ReplicatedController c = launchOnly(dir, env, label);
        c.awaitHealthy();
        return c;
    }

    /** Starts a controller without waiting for it (a standby waits for the writer lease before it listens). */
    static ReplicatedController launchOnly(Path dir, Map<String, String> env, String label) throws IOException {
        int port = freePort();
        Path log = dir.resolveSibling(dir.getFileName() + "-" + label + ".log");
        return new ReplicatedController(launch(dir, env, log, port), log, port);
    }

    /** A start expected to fail: the exit code and the output. */
    record Exit(int code, String output) {}

    static Exit startExpectingExit(Path dir, Map<String, String> env) throws IOException, InterruptedException {
        Path log = dir.resolveSibling(dir.getFileName() + "-failed.log");
        Process p = launch(dir, env, log, freePort());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("controller did not stop: " + Files.readString(log));
        }
        return new Exit(p.exitValue(), Files.readString(log));
    }

    /** Runs a command-line chore ({@code --restore-snapshot NAME} …) to its end. */
    static Exit run(Path dir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path log = dir.resolveSibling(dir.getFileName() + "-" + args[0].replace("-", "") + ".log");
        Process p = launch(dir, env, log, freePort(), args);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(args[0] + " did not finish: " + Files.readString(log));
        }
        return new Exit(p.exitValue(), Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void awaitHealthy() throws InterruptedException, IOException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("controller exited with " + process.exitValue() + ": " + output());
            }
            try {
                if (send("GET", "/api/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("controller not healthy within 120 s: " + output());
    }

    boolean listening() {
        try {
            send("GET", "/api/health", null);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(ADMIN_KEY, method, path, json);
    }

    HttpResponse<String> send(String key, String method, String path, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(
                method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and expects {@code status}; returns the parsed body. */
    JsonNode call(String method, String path, String json, int status) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, json);
        if (r.statusCode() != status) {
            throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    JsonNode health() throws IOException, InterruptedException {
        return call("GET", "/api/health", null, 200);
    }

    /** The value of an unlabelled series in {@code /metrics}. */
    double metric(String name) throws IOException, InterruptedException {
        for (String line : send("GET", "/metrics", null).body().split("\n")) {
            if (line.startsWith(name + " ")) {
                return Double.parseDouble(line.substring(name.length() + 1));
            }
        }
        throw new AssertionError("no series " + name);
    }

    /** The Litestream child of this controller, if running. */
    Optional<ProcessHandle> litestream() {
        return process.toHandle()
                .children()
                .filter(h ->
                        h.info().command().map(c -> c.endsWith("litestream")).orElse(false))
                .findFirst();
    }

    Process process() {
        return process;
    }

    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM; returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError("controller did not stop within 90 s of SIGTERM");
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        Optional<ProcessHandle> child = litestream();
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        child.ifPresent(ProcessHandle::destroyForcibly); // SIGKILL of the JVM leaves its child orphaned
    }
}
