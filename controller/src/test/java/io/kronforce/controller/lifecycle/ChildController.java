package io.kronforce.controller.lifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The packaged controller as a child process on a free loopback port, for lifecycle tests. */
final class ChildController implements AutoCloseable {
    static final String ADMIN_KEY = "kf_lifecycle-test-admin-key-0123456789abcdefghijklmn";

    private final HttpClient http = HttpClient.newHttpClient();
    private final Process process;
    private final int port;

    private ChildController(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ChildController start(Path dir) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java, "--enable-native-access=ALL-UNNAMED", "-Xmx256m", "-jar", System.getProperty("kronforce.jar"));
        pb.environment()
                .putAll(Map.of(
                        "KRONFORCE_DB",
                        dir.resolve("kronforce.db").toString(),
                        "KRONFORCE_BIND",
                        "127.0.0.1:" + port,
                        "KRONFORCE_BOOTSTRAP_ADMIN_KEY",
                        ADMIN_KEY,
                        "KRONFORCE_SHUTDOWN_GRACE_SECS",
                        "20",
                        "KRONFORCE_RATE_LIMIT_ENABLED",
                        "false"));
        pb.redirectErrorStream(true)
                .redirectOutput(dir.resolve("controller-" + port + ".log").toFile());
        ChildController child = new ChildController(pb.start(), port);
        child.awaitHealthy();
        return child;
    }

    private void awaitHealthy() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("controller exited with " + process.exitValue());
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
        throw new IllegalStateException("controller not healthy within 60 s");
    }

    HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        return send(ADMIN_KEY, method, path, json);
    }

    HttpResponse<String> sendAs(String key, String method, String path) throws IOException, InterruptedException {
        return send(key, method, path, null);
    }

    private HttpResponse<String> send(String key, String method, String path, String json)
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

    Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
