package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code DELETE /api/keys/{id}}: 404 {@code key-not-found} for an id no key had; revoking twice is harmless. */
class KeyRevocationTest {
    @TempDir
    Path dir;

    private TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void deletingAnUnknownKeyAnswersKeyNotFound() {
        TestController.Response r = tc.delete("/api/keys/no-such-key", Role.ADMIN);
        assertTrue(assertProblem(r, 404).path("type").asText().endsWith("key-not-found"), r::toString);
    }

    @Test
    void revokingAKeyTwiceAnswers204Both() {
        tc.createKey("doomed", Role.VIEWER);
        String id = java.util.stream.StreamSupport.stream(tc.read("/api/keys").spliterator(), false)
                .filter(k -> k.path("name").asText().equals("doomed"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asText();
        assertEquals(204, tc.delete("/api/keys/" + id, Role.ADMIN).status());
        assertEquals(204, tc.delete("/api/keys/" + id, Role.ADMIN).status());
    }
}
