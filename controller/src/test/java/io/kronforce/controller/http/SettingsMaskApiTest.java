package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard edits settings as it shows them: secrets masked. A masked secret keeps what is
 * stored, member by member, while the members beside it take the edit; the mask is recognised
 * however the client escapes it in JSON.
 */
class SettingsMaskApiTest {
    private static final String MASK = "\u2022".repeat(8);
    private static final String EMAIL =
            "{\"smtp_host\":\"127.0.0.1\",\"smtp_port\":2525,\"username\":\"ops\",\"password\":\"mailpass-1\"}";

    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", "settings-mask-test-passphrase"));
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("notification_email", EMAIL, "ai_api_key", "sk-ai-1"))
                        .status());
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void anEditBesideAMaskedSecretKeepsTheSecretAndAppliesTheEdit() throws Exception {
        ObjectNode shown = (ObjectNode) TestController.JSON.readTree(
                tc.read("/api/settings").path("notification_email").asText());
        assertEquals(MASK, shown.path("password").asText());
        shown.put("username", "ops2");

        TestController.Response r = tc.put(
                "/api/settings",
                Role.ADMIN,
                Map.of("notification_email", TestController.JSON.writeValueAsString(shown)));

        assertEquals(200, r.status(), r::toString);
        JsonNode stored = storedEmail();
        assertEquals("mailpass-1", stored.path("password").asText(), "the stored secret is kept");
        assertEquals("ops2", stored.path("username").asText(), "the edit beside it is applied");
        assertEquals(2525, stored.path("smtp_port").asInt());
    }

    @Test
    void aMaskEscapedAsUnicodeInsideTheDocumentKeepsTheStoredSecret() throws Exception {
        // The document's own JSON writes each bullet as \u2022 (Python's json.dumps does); the outer
        // string escapes that backslash once more. Sent as the exact bytes, no client library between.
        String raw = """
                {"notification_email": "{\\"smtp_host\\":\\"127.0.0.1\\",\\"smtp_port\\":2525,\\"username\\":\\"ops3\\",\\"password\\":\\"%s\\"}"}""".formatted("\\\\u2022".repeat(8));
        assertTrue(raw.contains("\\\\u2022") && !raw.contains(MASK), "the body carries the escape, not the bullets");

        TestController.Response r = tc.send("PUT", "/api/settings", tc.key(Role.ADMIN), TestController.JSON_TYPE, raw);

        assertEquals(200, r.status(), r::toString);
        JsonNode stored = storedEmail();
        assertEquals("mailpass-1", stored.path("password").asText(), "the escaped mask must not replace the secret");
        assertEquals("ops3", stored.path("username").asText());
    }

    @Test
    void aMaskEscapedAsUnicodeForAWholeSecretKeepsTheStoredKey() {
        String raw = "{\"ai_api_key\":\"" + "\\u2022".repeat(8) + "\",\"retention_days\":\"5\"}";

        TestController.Response r = tc.send("PUT", "/api/settings", tc.key(Role.ADMIN), TestController.JSON_TYPE, raw);

        assertEquals(200, r.status(), r::toString);
        assertEquals("sk-ai-1", tc.parts().settings().plain().get("ai_api_key"));
        assertEquals("5", tc.parts().settings().plain().get("retention_days"));
    }

    @Test
    void aMaskWithNoStoredSecretBehindItIsRefusedAndNothingIsStored() {
        String sms = "{\"enabled\":false,\"url\":\"" + MASK + "\"}";

        var problem = assertProblem(
                tc.put("/api/settings", Role.ADMIN, Map.of("notification_sms", sms, "retention_days", "6")), 400);

        assertTrue(problem.path("error").asText().contains("masked secret"), problem::toString);
        assertFalse(tc.parts().settings().plain().containsKey("notification_sms"));
        assertFalse("6".equals(tc.parts().settings().plain().get("retention_days")), "the PUT is all or nothing");
    }

    @Test
    void aMaskMovedToAnotherMemberIsRefused() throws Exception {
        ObjectNode shown = (ObjectNode) TestController.JSON.readTree(
                tc.read("/api/settings").path("notification_email").asText());
        shown.put("username", MASK);

        assertProblem(
                tc.put(
                        "/api/settings",
                        Role.ADMIN,
                        Map.of("notification_email", TestController.JSON.writeValueAsString(shown))),
                400);
        assertEquals("ops", storedEmail().path("username").asText());
    }

    private JsonNode storedEmail() throws Exception {
        return TestController.JSON.readTree(tc.parts().settings().plain().get("notification_email"));
    }
}
