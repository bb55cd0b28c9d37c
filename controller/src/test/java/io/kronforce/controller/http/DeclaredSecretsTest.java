package io.kronforce.controller.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret-ness is what each connection type and notification channel declares, nested members included
 * (docs/reference/variables-and-secrets.md#which-values-are-secrets): a viewer, an export, the audit trail and
 * the database file never see those values in clear, while the run and the delivery that use them get them.
 */
class DeclaredSecretsTest {
    private static final String KEY = "declared-secrets-test-passphrase";
    private static final String CONN_MASK = "********";
    private static final String SETTINGS_MASK = "\u2022".repeat(8);
    private static final String SESSION_TOKEN = "sess-s3cret-0451";
    private static final String API_KEY = "hdr-s3cret-1138";
    private static final String WEBHOOK_HEADER = "wh-s3cret-2187";
    private static final String UPSTREAM_HEADER = "up-s3cret-0042";
    private static final List<String> SECRETS = List.of(SESSION_TOKEN, API_KEY, WEBHOOK_HEADER, UPSTREAM_HEADER);

    @TempDir
    Path dir;

    TestController tc;
    RecordingPeer peer;
    RecordingPeer echo;

    @BeforeEach
    void start() throws Exception {
        tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", KEY));
        peer = RecordingPeer.start();
        echo = RecordingPeer.start();
        echo.on("/v1/echo", Reply.of(200, "key was " + API_KEY));
        peer.on("/hook", Reply.of(200, "ok"));
        peer.on("/upstream", Reply.of(200, "ok"));
        TestController.Response created = tc.post(
                "/api/connections",
                Role.OPERATOR,
                Map.of(
                        "name",
                        "api",
                        "conn_type",
                        "http",
                        "config",
                        Map.of(
                                "base_url",
                                echo.url("/v1"),
                                "session_token",
                                SESSION_TOKEN,
                                "headers",
                                Map.of("X-Api-Key", API_KEY))));
        assertEquals(201, created.status(), created::toString);
        String channels = "[{\"name\":\"ops\",\"type\":\"webhook\",\"url\":\"" + peer.url("/hook")
                + "\",\"headers\":{\"X-Api-Key\":\"" + WEBHOOK_HEADER + "\"}}]";
        String upstream = "{\"enabled\":true,\"url\":\"" + peer.url("/upstream")
                + "\",\"format\":\"generic\",\"headers\":{\"X-Custom\":\"" + UPSTREAM_HEADER + "\"}}";
        TestController.Response put = tc.put(
                "/api/settings",
                Role.ADMIN,
                Map.of("notification_channels", channels, "notification_webhook", upstream));
        assertEquals(200, put.status(), put::toString);
    }

    @AfterEach
    void stop() {
        tc.close();
        peer.close();
        echo.close();
    }

    @Test
    void aViewerNeverSeesAConnectionsSessionTokenOrANestedHeaderValue() {
        for (String path : List.of("/api/connections/api", "/api/connections")) {
            TestController.Response r = tc.get(path, Role.VIEWER);
            assertEquals(200, r.status(), r::toString);
            assertNoSecret(r.body(), "viewer GET " + path);
        }
        JsonNode config = tc.get("/api/connections/api", Role.VIEWER).json().path("config");
        assertEquals(CONN_MASK, config.path("session_token").asText());
        assertEquals(CONN_MASK, config.path("headers").path("X-Api-Key").asText());
        assertEquals(echo.url("/v1"), config.path("base_url").asText(), "what is not secret stays readable");
    }

    @Test
    void aConnectionsNestedSecretsAreSealedInTheStoredRow() throws Exception {
        String stored = column("SELECT config_json FROM connections WHERE name = 'api'");
        assertTrue(stored.startsWith(SecretBox.PREFIX), stored);
        assertNoSecret(stored, "the connections row");
        String opened = SecretBox.fromPassphrase(KEY).open(stored).orElseThrow();
        assertTrue(opened.contains(API_KEY) && opened.contains(SESSION_TOKEN), "the row opens with the key");
    }

    @Test
    void theRunStillGetsTheClearHeaderAfterTheMaskedViewIsSavedBack() throws Exception {
        // A dashboard saves the connection as it shows it: the masked nested header must keep the stored value.
        ObjectNode shown =
                (ObjectNode) tc.get("/api/connections/api", Role.VIEWER).json().path("config");
        TestController.Response saved =
                tc.put("/api/connections/api", Role.OPERATOR, Map.of("description", "edited", "config", shown));
        assertEquals(200, saved.status(), saved::toString);

        ObjectNode task = TestController.JSON
                .createObjectNode()
                .put("type", "http")
                .put("method", "GET")
                .put("url", "/echo")
                .put("connection", "api");
        String job = Api.createJob(
                tc, Jobs.http(Jobs.uniqueName("via-api"), "GET", "/echo").with("task", task));
        JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(20));

        assertEquals(API_KEY, echo.single().header("X-Api-Key"), "the task receives the clear value");
        assertEquals("key was " + SETTINGS_MASK, run.path("stdout").asText(), "output echoing it is masked");
        assertNoSecret(run.toString(), "the run as the API shows it");
    }

    @Test
    void aWebhookChannelsCustomHeadersAreMaskedForViewersAndSealedAtRest() throws Exception {
        TestController.Response r = tc.get("/api/settings", Role.VIEWER);
        assertEquals(200, r.status(), r::toString);
        assertNoSecret(r.body(), "viewer GET /api/settings");
        JsonNode shown = TestController.JSON.readTree(
                r.json().path("notification_channels").asText());
        assertEquals(
                SETTINGS_MASK, shown.get(0).path("headers").path("X-Api-Key").asText());
        JsonNode upstream = TestController.JSON.readTree(
                r.json().path("notification_webhook").asText());
        assertEquals(SETTINGS_MASK, upstream.path("headers").path("X-Custom").asText());
        assertEquals("generic", upstream.path("format").asText());

        for (String key : List.of("notification_channels", "notification_webhook")) {
            String stored = column("SELECT value FROM settings WHERE key = '" + key + "'");
            assertNoSecret(stored, "the settings row " + key);
            assertTrue(stored.contains(SecretBox.PREFIX), stored);
        }

        TestController.Response sent = tc.post("/api/notifications/test", Role.OPERATOR, null);
        assertEquals(200, sent.status(), sent::toString);
        assertEquals("ok", sent.json().path("status").asText(), sent::toString);
        assertNoSecret(sent.body(), "the test send's answer");
        assertEquals(
                WEBHOOK_HEADER,
                peer.requests().stream()
                        .filter(q -> q.path().equals("/hook"))
                        .findFirst()
                        .orElseThrow()
                        .header("X-Api-Key"),
                "the delivery sends the clear header");
        assertEquals(
                UPSTREAM_HEADER,
                peer.requests().stream()
                        .filter(q -> q.path().equals("/upstream"))
                        .findFirst()
                        .orElseThrow()
                        .header("X-Custom"));
    }

    @Test
    void anExportMasksNestedSecretsAndSealsThemWithIncludeSecrets() throws Exception {
        TestController.Response masked = tc.get("/api/data/export", Role.ADMIN);
        assertEquals(200, masked.status(), masked::toString);
        assertNoSecret(masked.body(), "an export without secrets");
        JsonNode config = masked.json().path("connections").get(0).path("config");
        assertEquals(CONN_MASK, config.path("headers").path("X-Api-Key").asText());
        assertEquals(CONN_MASK, config.path("session_token").asText());
        assertTrue(
                masked.json()
                        .path("omitted_secrets")
                        .toString()
                        .contains("connection api: headers.X-Api-Key, session_token"),
                masked.json().path("omitted_secrets")::toString);

        TestController.Response sealed = tc.get("/api/data/export?include_secrets=true", Role.ADMIN);
        assertEquals(200, sealed.status(), sealed::toString);
        assertNoSecret(sealed.body(), "an export with secrets");
        SecretBox box = SecretBox.fromPassphrase(KEY);
        JsonNode sealedConfig = sealed.json().path("connections").get(0).path("config");
        assertEquals(
                API_KEY,
                box.open(sealedConfig.path("headers").path("X-Api-Key").asText())
                        .orElseThrow());
        assertEquals(
                SESSION_TOKEN,
                box.open(sealedConfig.path("session_token").asText()).orElseThrow());
        JsonNode channels = TestController.JSON.readTree(
                sealed.json().path("settings").path("notification_channels").asText());
        assertEquals(
                WEBHOOK_HEADER,
                box.open(channels.get(0).path("headers").path("X-Api-Key").asText())
                        .orElseThrow());
    }

    @Test
    void theAuditTrailNeverRecordsADeclaredSecret() {
        TestController.Response r = tc.get("/api/audit-log?per_page=100", Role.ADMIN);
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.body().contains("connection.created"), r::toString);
        assertNoSecret(r.body(), "the audit trail");
    }

    private String column(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private static void assertNoSecret(String text, String where) {
        for (String secret : SECRETS) {
            assertFalse(text.contains(secret), () -> where + " shows " + secret + ": " + text);
        }
    }
}
