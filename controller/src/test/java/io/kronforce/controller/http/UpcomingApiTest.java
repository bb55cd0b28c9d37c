package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import io.kronforce.controller.testing.TestController;
import io.kronforce.controller.web.RouteSpec;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /api/jobs/{id}/upcoming} over loopback HTTP against a real database. */
class UpcomingApiTest extends SharedControllerTest {
    private static JsonNode upcoming(String jobId, String query) {
        TestController.Response r = tc.get("/api/jobs/" + jobId + "/upcoming" + query, Role.VIEWER);
        assertEquals(200, r.status(), r::toString);
        return r.json();
    }

    @Test
    void aViewerSeesTheNextFiresInUtcAndInTheJobsLocalTime() {
        String id = Api.createJob(
                tc,
                Jobs.shell(Jobs.uniqueName("weekday-nine"), "true")
                        .cron("0 9 * * MON-FRI")
                        .with("timezone", "America/New_York"));

        JsonNode body = upcoming(id, "?count=3");

        assertEquals("America/New_York", body.path("timezone").asText());
        assertEquals(3, body.path("upcoming").size());
        for (JsonNode fire : body.path("upcoming")) {
            Instant at = Instant.parse(fire.path("at").asText());
            OffsetDateTime local = OffsetDateTime.parse(fire.path("local").asText());
            assertEquals(at, local.toInstant());
            assertEquals(9, local.getHour());
            assertTrue(fire.path("at").asText().endsWith("Z"), fire::toString);
        }
        assertEquals(10, upcoming(id, "").path("upcoming").size());
        assertEquals(0, body.path("missed").path("total").asInt());
    }

    @Test
    void aJobThatCannotFireByItselfHasNoFiresAndAReason() {
        String manual = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("manual"), "true"));
        String paused =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("paused"), "true").cron("0 0 * * * *"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + paused, Role.OPERATOR, Map.of("status", "paused"))
                        .status());

        JsonNode m = upcoming(manual, "");
        JsonNode p = upcoming(paused, "");

        assertEquals(0, m.path("upcoming").size());
        assertEquals(
                "an on_demand job runs only when triggered", m.path("reason").asText());
        assertEquals(0, p.path("upcoming").size());
        assertEquals("the job is paused", p.path("reason").asText());
    }

    @Test
    void theMissedSlotBehindThePersistedNextFireIsShownWithWhatRunOnceWouldDo() {
        String id = Api.createJob(
                tc, Jobs.shell(Jobs.uniqueName("new-year"), "true").cron("0 0 1 1 *"));
        long planned = awaitPlanned(id);
        // As if the controller had been down since this year's New Year: move the persisted plan back.
        long newYear = ZonedDateTime.now(ZoneOffset.UTC)
                .withDayOfYear(1)
                .toLocalDate()
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
                .toEpochMilli();
        assertEquals(1, (int) tc.parts()
                .db()
                .write(c -> c.createStatement()
                        .executeUpdate("UPDATE jobs SET next_fire_ms=" + newYear + " WHERE id='" + id
                                + "' AND next_fire_ms=" + planned)));

        JsonNode missed = upcoming(id, "").path("missed");

        String slot = Instant.ofEpochMilli(newYear).toString();
        assertEquals(1, missed.path("total").asInt());
        assertEquals("run", missed.path("slots").get(0).path("action").asText());
        assertEquals(
                Instant.parse(slot),
                Instant.parse(missed.path("slots").get(0).path("at").asText()));
        assertEquals(
                Instant.parse(slot),
                Instant.parse(missed.path("would_run").get(0).asText()));
        assertEquals(
                Instant.ofEpochMilli(planned),
                Instant.parse(missed.path("next_fire_after").asText()));
    }

    private static long awaitPlanned(String id) {
        return Awaitility.await("job planned")
                .atMost(java.time.Duration.ofSeconds(10))
                .until(
                        () -> tc.parts().db().read(c -> {
                            try (var rs = c.createStatement()
                                    .executeQuery("SELECT next_fire_ms FROM jobs WHERE id='" + id + "'")) {
                                return rs.next() ? (Long) rs.getObject(1) : null;
                            }
                        }),
                        v -> v != null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-1", "ten", "1.5"})
    void aBadCountIsA400ProblemNamingCount(String count) {
        String id =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("count"), "true").cron("0 0 * * * *"));

        JsonNode problem = assertProblem(tc.get("/api/jobs/" + id + "/upcoming?count=" + count, Role.VIEWER), 400);

        assertTrue(problem.path("error").asText().startsWith("count must be"), problem::toString);
    }

    @Test
    void isDeclaredForEveryUserRoleAndRefusesAgentKeysAndAnonymousCallers() {
        String id =
                Api.createJob(tc, Jobs.shell(Jobs.uniqueName("roles"), "true").cron("0 0 * * * *"));

        assertTrue(tc.routes().contains(new RouteSpec("GET", "/api/jobs/{id}/upcoming", Access.READ)));
        assertProblem(tc.get("/api/jobs/" + id + "/upcoming", Role.AGENT), 403);
        assertProblem(tc.send("GET", "/api/jobs/" + id + "/upcoming", null, null, null), 401);
    }

    @Test
    void anUnknownJobIs404() {
        assertProblem(tc.get("/api/jobs/00000000-0000-4000-8000-000000000000/upcoming", Role.VIEWER), 404);
    }
}
