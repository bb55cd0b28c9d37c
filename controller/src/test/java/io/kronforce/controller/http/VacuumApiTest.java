package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /api/admin/vacuum}: admins only, upstream's answer, audited, beside live writes. */
class VacuumApiTest {
    @TempDir
    Path dir;

    TestController tc;

    @BeforeEach
    void start() {
        tc = TestController.start(dir);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void onlyAnAdminKeyMayVacuum() {
        assertProblem(tc.send("POST", "/api/admin/vacuum", null, null, null), 401);
        assertProblem(tc.post("/api/admin/vacuum", Role.VIEWER, null), 403);
        assertProblem(tc.post("/api/admin/vacuum", Role.OPERATOR, null), 403);
        assertProblem(tc.post("/api/admin/vacuum", Role.AGENT, null), 403);
        assertEquals(0, vacuumAudits(), "a refused vacuum is not audited");
        assertEquals(200, tc.post("/api/admin/vacuum", Role.ADMIN, null).status());
    }

    @Test
    void freedPagesAreGivenBackAndTheAnswerHasUpstreamsShape() {
        String big = "x".repeat(500_000);
        for (int i = 0; i < 4; i++) {
            assertEquals(
                    201,
                    tc.post("/api/variables", Role.OPERATOR, Map.of("name", "BULK_" + i, "value", big))
                            .status());
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(
                    204, tc.delete("/api/variables/BULK_" + i, Role.OPERATOR).status());
        }

        TestController.Response r = tc.post("/api/admin/vacuum", Role.ADMIN, null);
        assertEquals(200, r.status(), r::toString);
        JsonNode body = r.json();
        assertEquals("ok", body.path("status").asText());
        long before = body.path("size_before").asLong();
        long after = body.path("size_after").asLong();
        assertTrue(body.path("elapsed_ms").isIntegralNumber(), body::toString);
        assertTrue(before > 1_000_000, () -> "two megabytes were written, then freed: " + body);
        assertTrue(after < before / 4, () -> "the freed pages are gone: " + body);
        assertTrue(tc.parts().db().fileSize() < before / 4, "the file on disk shrank with it");
        assertEquals(1, vacuumAudits());
        JsonNode audit =
                tc.read("/api/audit-log?operation=settings.vacuum").path("data").get(0);
        assertEquals("admin (bootstrap)", audit.path("actor_key_name").asText(), audit::toString);
    }

    @Test
    void writesQueuedBesideAVacuumAllCommit() throws Exception {
        List<Future<Integer>> writes = new ArrayList<>();
        List<Future<Integer>> vacuums = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                Map<String, String> variable = Map.of("name", "BESIDE_" + i, "value", "v");
                writes.add(pool.submit(
                        () -> tc.post("/api/variables", Role.OPERATOR, variable).status()));
                if (i % 10 == 0) {
                    vacuums.add(pool.submit(
                            () -> tc.post("/api/admin/vacuum", Role.ADMIN, null).status()));
                }
            }
            for (Future<Integer> w : writes) {
                assertEquals(201, w.get());
            }
            for (Future<Integer> v : vacuums) {
                assertEquals(200, v.get());
            }
        }
        assertEquals(30, tc.read("/api/variables").size());
        assertEquals(3, vacuumAudits());
    }

    private int vacuumAudits() {
        return tc.read("/api/audit-log?operation=settings.vacuum").path("data").size();
    }
}
