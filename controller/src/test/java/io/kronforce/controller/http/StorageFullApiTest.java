package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A full disk, made real with SQLite's {@code PRAGMA max_page_count} on the writer's own connection:
 * the file may not grow by a page, exactly as when the disk has no room for one more.
 */
class StorageFullApiTest extends ControllerPerTest {
    @Test
    void aWriteOnAFullDiskIs507AndHealthSaysSoUntilAWriteSucceedsAgain() {
        String kept = Api.createJob(tc, Jobs.shell("kept", "echo kept"));
        assertEquals(200, tc.get("/api/health", null).status());

        limitPages(Long.parseLong(pragma("page_count")));
        JsonNode problem = assertProblem(
                tc.post(
                        "/api/jobs",
                        Role.OPERATOR,
                        Jobs.shell("too-big", "echo x").description(noise()).json()),
                507);
        assertTrue(problem.path("type").asText().endsWith("/insufficient-storage"), problem::toString);

        TestController.Response health = tc.get("/api/health", null);
        assertEquals(503, health.status(), health::toString);
        assertEquals("degraded", health.json().path("status").asText());
        assertEquals(false, health.json().path("db").path("ok").asBoolean());
        assertTrue(health.json().path("db").path("error").asText().contains("full"), health::toString);

        // What was there before is intact and readable.
        assertEquals(200, tc.get("/api/jobs/" + kept, Role.VIEWER).status());
        assertEquals("ok", pragma("integrity_check"));

        limitPages(1_000_000);
        Api.createJob(tc, Jobs.shell("after", "echo after").description(noise()));
        TestController.Response healed = tc.get("/api/health", null);
        assertEquals(200, healed.status(), healed::toString);
        assertTrue(healed.json().path("db").path("error").isMissingNode(), healed::toString);
    }

    /** A one-value PRAGMA, read on the read pool. */
    private String pragma(String name) {
        return tc.parts().db().read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** On the writer's connection: {@code max_page_count} holds per connection. */
    private void limitPages(long pages) {
        tc.parts().db().write(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA max_page_count=" + pages);
            }
            return null;
        });
    }

    /** 9,000 characters that fill pages of their own (no page in the file has room for them). */
    private static String noise() {
        StringBuilder b = new StringBuilder();
        java.util.Random r = new java.util.Random(7);
        while (b.length() < 9_000) {
            b.append(Long.toString(r.nextLong(), 36));
        }
        return b.substring(0, 9_000);
    }
}
