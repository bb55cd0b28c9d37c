package io.kronforce.controller.assistant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With encryption on, the key is sealed in the file and opened only for the provider call. */
class AiKeyAtRestTest {
    static final String KEY = "sk-ant-sealed-0123456789";

    @TempDir
    Path dir;

    @Test
    void theSealedKeyReachesTheProviderAndNeverTheFileOrAnAnswer() throws IOException {
        try (RecordingPeer provider = RecordingPeer.start()) {
            provider.on("/v1/models", Reply.json(200, "{\"data\":[],\"has_more\":false}"));
            TestController tc = TestController.start(dir, Map.of("KRONFORCE_ENCRYPTION_KEY", "ai-test-passphrase"));
            try {
                TestController.Response saved = tc.put(
                        "/api/settings", Role.OPERATOR, Map.of("ai_api_key", KEY, "ai_base_url", provider.url("")));
                assertEquals(200, saved.status(), saved::toString);
                tc.restart(); // the key is read back from the file, not from memory

                TestController.Response models = tc.get("/api/ai/models", Role.OPERATOR);

                assertEquals(200, models.status(), models::toString);
                assertEquals(KEY, provider.single().header("x-api-key"));
                for (TestController.Response r : new TestController.Response[] {
                    saved, models, tc.get("/api/settings", Role.ADMIN), tc.get("/api/config", null)
                }) {
                    assertFalse(r.body().contains(KEY), r::toString);
                }
            } finally {
                tc.close();
            }
            String file = Files.readString(tc.dbFile(), StandardCharsets.ISO_8859_1)
                    + readIfPresent(Path.of(tc.dbFile() + "-wal"));
            assertFalse(file.contains(KEY), "the key is sealed at rest");
        }
    }

    private static String readIfPresent(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : "";
    }
}
