package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything the API stored is there after the controller restarts on the same file. */
class RestartTest {
    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", "restart-passphrase"));
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void jobsVariablesKeysAndSettingsSurviveARestart() {
        String plain = Api.createJob(
                tc, Jobs.shell("survivor", "echo {{SECRET_TOKEN}} | rev").cron("0 0 3 * * *"));
        String dependent = Api.createJob(
                tc, Jobs.shell("after-survivor", "true").dependsOn(plain).group("Ops"));
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "PLAIN", "value", "visible"))
                        .status());
        assertEquals(
                201,
                tc.post(
                                "/api/variables",
                                Role.OPERATOR,
                                Map.of("name", "SECRET_TOKEN", "value", "tok-42-secret", "secret", true))
                        .status());
        String ran = Api.trigger(tc, plain);
        Api.awaitStatus(tc, ran, "succeeded", Duration.ofSeconds(10));
        JsonNode created = tc.post("/api/keys", Role.ADMIN, Map.of("name", "ci", "role", "operator"))
                .json();
        String ciKey = created.path("raw_key").asText();
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("retention_days", "12"))
                        .status());
        JsonNode jobBefore = tc.read("/api/jobs/" + dependent);
        int keysBefore = tc.read("/api/keys").size();

        tc.restart();

        assertEquals(
                jobBefore.path("depends_on"), tc.read("/api/jobs/" + dependent).path("depends_on"));
        assertEquals("Ops", tc.read("/api/jobs/" + dependent).path("group").asText());
        assertEquals(
                "0 0 3 * * *",
                tc.read("/api/jobs/" + plain).path("schedule").path("value").asText());
        assertEquals(
                "succeeded", tc.read("/api/executions/" + ran).path("status").asText());
        assertEquals(2, tc.read("/api/jobs").path("total").asInt());
        assertEquals("visible", tc.read("/api/variables/PLAIN").path("value").asText());
        assertEquals(
                "\u2022".repeat(8),
                tc.read("/api/variables/SECRET_TOKEN").path("value").asText());
        assertEquals("12", tc.read("/api/settings").path("retention_days").asText());
        assertEquals(keysBefore, tc.read("/api/keys").size(), "bootstrap must not add keys on a second start");
        assertEquals(2, countNamed(tc.read("/api/keys"), "(bootstrap)"));

        for (Role role : new Role[] {Role.OPERATOR, Role.VIEWER, Role.ADMIN}) {
            assertEquals(200, tc.get("/api/jobs", role).status(), role + " key after restart");
        }
        TestController.Response me = tc.send("GET", "/api/auth/me", ciKey, null, null);
        assertEquals(200, me.status(), me::toString);
        assertEquals("ci", me.json().path("name").asText());

        // The secret still decrypts after the restart: the run prints it reversed, which only the
        // opened value gives (the value itself would be masked, and masked alike when it fails to open).
        String again = Api.trigger(tc, plain);
        JsonNode e = Api.awaitStatus(tc, again, "succeeded", Duration.ofSeconds(10));
        assertEquals("terces-24-kot\n", e.path("stdout").asText(), e::toString);
    }

    @Test
    void aSecondRestartStillAddsNoKeysAndRevocationsHold() {
        JsonNode keys = tc.read("/api/keys");
        String viewerId = null;
        for (JsonNode k : keys) {
            if (k.path("name").asText().equals("viewer")) {
                viewerId = k.path("id").asText();
            }
        }
        assertTrue(viewerId != null, keys::toString);
        assertEquals(204, tc.delete("/api/keys/" + viewerId, Role.ADMIN).status());
        tc.restart();
        tc.restart();
        assertEquals(keys.size(), tc.read("/api/keys").size());
        assertEquals(401, tc.get("/api/jobs", Role.VIEWER).status(), "a revoked key stays revoked");
        assertEquals(200, tc.get("/api/jobs", Role.OPERATOR).status());
    }

    private static int countNamed(JsonNode keys, String part) {
        int n = 0;
        for (JsonNode k : keys) {
            n += k.path("name").asText().contains(part) ? 1 : 0;
        }
        return n;
    }
}
