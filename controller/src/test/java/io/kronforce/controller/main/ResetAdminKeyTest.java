package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --reset-admin-key} through the command line's entry point: the new key works, the lost
 * bootstrap key stops working, and an admin key made through the API is kept and reported.
 */
class ResetAdminKeyTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String LOST = "kf_reset-test-lost-admin-key-0123456789abcdefghijkl";

    @TempDir
    Path dir;

    @Test
    void theResetRevokesTheBootstrapAdminKeyItReplacesAndKeepsAnApiMadeOne() throws Exception {
        int port = ControllerProcess.freePort();
        Map<String, String> env = Map.of("KRONFORCE_BIND", "127.0.0.1:" + port, "KRONFORCE_BOOTSTRAP_ADMIN_KEY", LOST);
        String apiMade;
        Process first = ControllerProcess.start(dir, env);
        try {
            ControllerProcess.awaitHealthy(first, dir, port);
            apiMade = new ObjectMapper()
                    .readTree(ControllerProcess.send(
                            port, LOST, "POST", "/api/keys", "{\"name\":\"ci\",\"role\":\"admin\"}"))
                    .path("raw_key")
                    .asText();
            assertTrue(apiMade.startsWith("kf_"), apiMade);
        } finally {
            stop(first);
        }

        Process reset = ControllerProcess.start(dir, env, "--reset-admin-key");
        assertTrue(reset.waitFor(60, TimeUnit.SECONDS));
        String out = Files.readString(dir.resolve("stdout.log"));
        assertEquals(0, reset.exitValue(), out + Files.readString(dir.resolve("stderr.log")));
        Matcher fresh = Pattern.compile("New admin API key \\(shown once\\): (kf_[A-Za-z0-9_-]{43})")
                .matcher(out);
        assertTrue(fresh.find(), out);
        assertTrue(out.contains("Revoked admin API key 'admin (bootstrap)'"), out);
        assertTrue(out.contains("Still active: admin API key 'ci'"), out);

        Process second = ControllerProcess.start(dir, env);
        try {
            ControllerProcess.awaitHealthy(second, dir, port);
            assertEquals(200, status(port, fresh.group(1)));
            assertEquals(401, status(port, LOST));
            assertEquals(200, status(port, apiMade));
        } finally {
            stop(second);
        }
    }

    private static int status(int port, String key) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/keys"))
                                .header("Authorization", "Bearer " + key)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the controller stops on SIGTERM");
    }
}
