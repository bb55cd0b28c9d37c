package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KRONFORCE_DEMO_MODE}: a caller without a credential reads as a viewer and writes
 * nothing; keys keep working (an operator seeds the demo); off by default.
 */
class DemoModeApiTest {
    private static final String MASK = "\u2022".repeat(8);

    @TempDir
    Path dir;

    TestController tc;

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void anAnonymousCallerReadsAsAViewerAndSecretsStayMasked() throws Exception {
        tc = TestController.start(dir, Map.of("KRONFORCE_DEMO_MODE", "true"));
        String jobId = Api.createJob(tc, Jobs.shell("demo-seeded", "echo hi"));
        assertEquals(
                201,
                tc.post(
                                "/api/variables",
                                Role.OPERATOR,
                                Map.of("name", "DEMO_TOKEN", "value", "tok-123", "secret", true))
                        .status());
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("ai_api_key", "sk-demo-9"))
                        .status());

        TestController.Response jobs = anonymous("GET", "/api/jobs/" + jobId, null);
        assertEquals(200, jobs.status(), jobs::toString);
        assertEquals("demo-seeded", jobs.json().path("name").asText());
        TestController.Response variable = anonymous("GET", "/api/variables/DEMO_TOKEN", null);
        assertEquals(MASK, variable.json().path("value").asText(), variable::toString);
        TestController.Response settings = anonymous("GET", "/api/settings", null);
        assertEquals(MASK, settings.json().path("ai_api_key").asText(), settings::toString);
        assertFalse(settings.body().contains("sk-demo-9"));

        JsonNode me = anonymous("GET", "/api/auth/me", null).json();
        assertEquals("viewer", me.path("role").asText(), me::toString);
        assertEquals("demo", me.path("auth_type").asText(), me::toString);
        assertTrue(
                anonymous("GET", "/api/config", null).json().path("demo_mode").asBoolean());
    }

    @Test
    void anAnonymousWriteIsRefusedAndAKeyStillWrites() {
        tc = TestController.start(dir, Map.of("KRONFORCE_DEMO_MODE", "true"));
        String jobId = Api.createJob(tc, Jobs.shell("demo-target", "true"));

        JsonNode refused = assertProblem(
                anonymous(
                        "POST", "/api/jobs", Jobs.shell("demo-intruder", "true").json()),
                401);
        assertTrue(refused.path("error").asText().contains("demo mode is read-only"), refused::toString);
        assertProblem(anonymous("POST", "/api/jobs/" + jobId + "/trigger", null), 401);
        assertProblem(anonymous("DELETE", "/api/jobs/" + jobId, null), 401);
        assertProblem(anonymous("GET", "/api/keys", null), 401);
        assertProblem(anonymous("POST", "/api/admin/vacuum", null), 401);
        assertEquals(200, tc.get("/api/jobs/" + jobId, Role.VIEWER).status(), "the job is still there");

        assertEquals(
                202,
                tc.post("/api/jobs/" + jobId + "/trigger", Role.OPERATOR, null).status());
        assertProblem(tc.send("GET", "/api/jobs", "kf_not-a-real-key", null, null), 401);
        assertProblem(tc.post("/api/jobs/" + jobId + "/trigger", Role.VIEWER, null), 403);
    }

    @Test
    void withoutTheSettingACallerWithoutACredentialIsRefused() {
        tc = TestController.start(dir);
        assertProblem(anonymous("GET", "/api/jobs", null), 401);
        assertFalse(
                anonymous("GET", "/api/config", null).json().path("demo_mode").asBoolean());
    }

    private TestController.Response anonymous(String method, String path, Object body) {
        return tc.send(method, path, null, body == null ? null : TestController.JSON_TYPE, body);
    }
}
