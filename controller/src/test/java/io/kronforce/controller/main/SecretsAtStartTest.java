package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KRONFORCE_ENCRYPTION_KEY} and the secrets already stored, through the command line's start in a child JVM:
 * a key set after secrets were stored in clear seals them at start and says so in one line; sealed secrets and no
 * key stop the start with one line naming the variable and exit 2.
 */
class SecretsAtStartTest {
    private static final String KEY = "secrets-at-start-passphrase";
    private static final String VARIABLE = "var-s3cret-7781";
    private static final String HEADER = "hdr-s3cret-9923";
    private static final String CHANNEL_HEADER = "chan-s3cret-5510";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aKeySetAfterSecretsWereStoredInClearSealsThemAtStartInOneLine() throws Exception {
        storeSecrets(Map.of());
        assertTrue(storedSecrets().contains(HEADER), "stored in clear without a key");

        int port = freePort();
        Process p = start(Map.of("KRONFORCE_ENCRYPTION_KEY", KEY, "KRONFORCE_BIND", "127.0.0.1:" + port));
        try {
            awaitHealthy(p, port);
        } finally {
            p.destroy();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the controller stops on SIGTERM");
        }

        List<String> report = lines().stream()
                .filter(l -> l.contains("sealed the secrets stored in clear"))
                .toList();
        assertEquals(1, report.size(), lines()::toString);
        assertTrue(report.getFirst().contains("(1 variable(s), 1 connection(s), 1 setting(s))"), report::toString);
        String stored = storedSecrets();
        for (String secret : List.of(VARIABLE, HEADER, CHANNEL_HEADER)) {
            assertFalse(stored.contains(secret), () -> "still in clear: " + secret + " in " + stored);
        }
        assertTrue(stored.contains("enc:"), stored);
    }

    @Test
    void sealedSecretsWithoutTheKeyStopTheStartWithOneLineNamingTheKey() throws Exception {
        storeSecrets(Map.of("KRONFORCE_ENCRYPTION_KEY", KEY));

        Process p = start(Map.of("KRONFORCE_BIND", "127.0.0.1:" + freePort()));
        try {
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the start is refused, not left running");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(2, p.exitValue(), lines()::toString);
        List<String> err = Files.readAllLines(dir.resolve("stderr.log"));
        assertEquals(1, err.size(), err::toString);
        assertTrue(
                err.getFirst().startsWith("kronforce: ") && err.getFirst().contains("KRONFORCE_ENCRYPTION_KEY"),
                err::toString);
        assertFalse(err.getFirst().contains("unresolved"), err::toString);
    }

    /** A secret variable, a connection with a nested header and a webhook channel's header, under {@code env}. */
    private void storeSecrets(Map<String, String> env) {
        try (TestController tc = TestController.start(dir, env)) {
            assertEquals(
                    201,
                    tc.post(
                                    "/api/variables",
                                    Role.OPERATOR,
                                    Map.of("name", "DB_PASSWORD", "value", VARIABLE, "secret", true))
                            .status());
            assertEquals(
                    201,
                    tc.post(
                                    "/api/connections",
                                    Role.OPERATOR,
                                    Map.of(
                                            "name",
                                            "api",
                                            "conn_type",
                                            "http",
                                            "config",
                                            Map.of("headers", Map.of("X-Api-Key", HEADER))))
                            .status());
            String channels = "[{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"https://hooks.example/x\","
                    + "\"headers\":{\"X-Api-Key\":\"" + CHANNEL_HEADER + "\"}}]";
            assertEquals(
                    200,
                    tc.put("/api/settings", Role.ADMIN, Map.of("notification_channels", channels))
                            .status());
        }
    }

    private String storedSecrets() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kronforce.db"))) {
            for (String sql : List.of(
                    "SELECT value FROM variables",
                    "SELECT config_json FROM connections",
                    "SELECT value FROM settings")) {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    while (rs.next()) {
                        out.append(rs.getString(1)).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    private Process start(Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                ControllerMain.class.getName());
        pb.environment().remove("KRONFORCE_ENCRYPTION_KEY");
        pb.environment().put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", ApiKeys.generate());
        pb.environment().put("KRONFORCE_SHUTDOWN_GRACE_SECS", "0");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectError(dir.resolve("stderr.log").toFile());
        return pb.start();
    }

    private List<String> lines() {
        List<String> all = new ArrayList<>();
        try {
            all.addAll(Files.readAllLines(dir.resolve("stdout.log")));
            all.addAll(Files.readAllLines(dir.resolve("stderr.log")));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return all;
    }

    private void awaitHealthy(Process p, int port) {
        Awaitility.await("controller healthy")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new AssertionError("controller exited with " + p.exitValue() + ": " + lines());
                    }
                    try {
                        return http.send(
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

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
