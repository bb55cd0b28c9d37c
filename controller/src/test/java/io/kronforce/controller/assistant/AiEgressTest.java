package io.kronforce.controller.assistant;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import io.kronforce.notifier.testkit.RecordingPeer;
import io.kronforce.notifier.testkit.RecordingPeer.Reply;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider's address passes the egress policy before anything is sent: a controller that does
 * not allow loopback never contacts a provider configured there (metadata and private addresses are
 * refused by the same check; EgressPolicy's own tests cover them).
 */
class AiEgressTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedAddressIsNeverContacted() throws IOException {
        try (RecordingPeer provider = RecordingPeer.start();
                TestController tc = TestController.start(dir, Map.of("KRONFORCE_EGRESS_ALLOW", ""))) {
            provider.on("/v1/messages", Reply.json(200, AnthropicJobBuilderApiTest.message("{}")));
            provider.on("/v1/models", Reply.json(200, "{\"data\":[]}"));
            assertEquals(
                    200,
                    tc.put("/api/settings", Role.OPERATOR, Map.of("ai_api_key", "k", "ai_base_url", provider.url("")))
                            .status());

            JsonNode problem =
                    assertProblem(tc.post("/api/ai/generate-job", Role.OPERATOR, Map.of("prompt", "x")), 400);
            assertProblem(tc.get("/api/ai/models", Role.OPERATOR), 400);

            assertTrue(problem.path("type").asText().endsWith("/egress-refused"), problem::toString);
            assertTrue(problem.path("error").asText().contains("127.0.0.1"), problem::toString);
            assertTrue(provider.requests().isEmpty(), () -> "contacted: " + provider.requests());
        }
    }
}
