package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The controller as its command line starts it, in a child JVM from the test class path: its
 * database in {@code dir}, no shutdown grace, stdout and stderr in {@code dir}'s
 * {@code stdout.log} and {@code stderr.log}, and no {@code KRONFORCE_} variable of the test's own.
 */
final class ControllerProcess {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ControllerProcess() {}

    static Process start(Path dir, Map<String, String> env, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ControllerMain.class.getName());
        pb.command().addAll(List.of(args));
        pb.environment().keySet().removeIf(name -> name.startsWith("KRONFORCE_"));
        pb.environment().put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_SHUTDOWN_GRACE_SECS", "0");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        return pb.start();
    }

    static void awaitHealthy(Process p, Path dir, int port) {
        Awaitility.await("controller healthy")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("controller exited with " + p.exitValue() + ": "
                                + Files.readString(dir.resolve("stderr.log")));
                    }
                    try {
                        return HTTP.send(
                                                HttpRequest.newBuilder(
                                                                URI.create("http://127.0.0.1:" + port + "/api/health"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException notYet) {
                        return false;
                    }
                });
    }

    /** A JSON request with {@code key}; asserts a 2xx and returns the body. */
    static String send(int port, String key, String method, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, () -> method + " " + path + ": " + r.statusCode() + " " + r.body());
        return r.body();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
