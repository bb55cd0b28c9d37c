package io.kronforce.controller.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.access.ApiKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The packaged controller (failsafe's {@code kronforce.jar}) as a child process on a database in
 * {@code dir}, for tests that kill it with SIGKILL and start it again on the same file. Each start
 * takes a fresh loopback port; the admin key stays the same across starts.
 */
public final class PackagedController implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> env;
    private final String adminKey = ApiKeys.generate();
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private Process process;
    private int port;

    private PackagedController(Path dir, Map<String, String> env) {
        this.dir = dir;
        this.env = Map.copyOf(env);
    }

    /** Starts the jar with {@code env} added to its environment and waits until it is healthy. */
    public static PackagedController start(Path dir, Map<String, String> env, String label) throws IOException {
        PackagedController c = new PackagedController(dir, env);
        c.launch(label);
        return c;
    }

    /** Kills the process with SIGKILL and waits for it to be gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the controller did not die");
    }

    /** Starts the jar again on the same database (after {@link #kill9()}). */
    public void restart(String label) throws IOException {
        launch(label);
    }

    private void launch(String label) throws IOException {
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
        pb.environment().put("KRONFORCE_RATE_LIMIT_ENABLED", "false"); // the bursts come as fast as they can
        pb.environment().putAll(env);
        pb.environment().put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_BIND", "127.0.0.1:" + port);
        pb.environment().put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", adminKey);
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(label + ".log").toFile());
        Process p = pb.start();
        process = p;
        Awaitility.await(label + " controller healthy")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> {
                    assertTrue(p.isAlive(), () -> "controller exited: " + output(label));
                    return send("GET", "/api/health", null).statusCode() == 200;
                });
    }

    private String output(String label) {
        try {
            return Files.readString(dir.resolve(label + ".log"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** Sends as admin and asserts the status; the answer's JSON. */
    public JsonNode call(String method, String path, String body, int status) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, body);
        assertEquals(status, r.statusCode(), () -> method + " " + path + ": " + r.body());
        return TestController.JSON.readTree(r.body());
    }

    /** Sends as admin; a JSON body when {@code body} is not null. */
    public HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
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

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
