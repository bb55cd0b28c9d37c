package io.kronforce.controller.dashboard;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.SharedControllerTest;
import org.junit.jupiter.api.Test;

/** The events and audit-log filters the dashboard's Events tab and audit view use. */
class ListFiltersApiTest extends SharedControllerTest {

    @Test
    void eventsFilterBySeverityJobAndKind() {
        String id = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("filtered"), "true"));
        tc.delete("/api/jobs/" + Api.createJob(tc, Jobs.shell(Jobs.uniqueName("doomed"), "true")), Role.OPERATOR);
        JsonNode warnings = tc.read("/api/events?severity=warning");
        assertTrue(warnings.path("total").asLong() >= 1);
        warnings.path("data")
                .forEach(e -> assertEquals("warning", e.path("severity").asText()));
        JsonNode both = tc.read("/api/events?severity=warning,info");
        assertTrue(both.path("total").asLong() > warnings.path("total").asLong());
        JsonNode forJob = tc.read("/api/events?job_id=" + id);
        assertEquals(1, forJob.path("total").asLong(), forJob::toString);
        assertEquals("job.created", forJob.path("data").get(0).path("kind").asText());
        JsonNode jobKinds = tc.read("/api/events?kind=job.");
        jobKinds.path("data").forEach(e -> assertTrue(e.path("kind").asText().startsWith("job."), e::toString));
        assertTrue(tc.read("/api/events?kind=job.deleted").path("total").asLong() >= 1);
        assertProblem(tc.get("/api/events?severity=loud", Role.VIEWER), 400);
    }

    @Test
    void theAuditLogFiltersByTargetAndByFrontDoor() {
        BrowserClient browser = new BrowserClient(tc);
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.OPERATOR)));
        JsonNode created = browser.send(
                        "POST",
                        "/api/jobs",
                        cookie,
                        browser.ownOrigin(),
                        Jobs.shell(Jobs.uniqueName("via-browser"), "true").json())
                .json();
        String viaApi = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("via-api"), "true"));

        JsonNode dashboard = tc.read("/api/audit-log?via=dashboard");
        assertTrue(dashboard.path("total").asLong() >= 1);
        dashboard
                .path("data")
                .forEach(a -> assertEquals("dashboard", a.path("via").asText(), a::toString));
        JsonNode target = tc.read("/api/audit-log?resource_type=job&resource_id="
                + created.path("id").asText());
        assertEquals(1, target.path("total").asLong(), target::toString);
        assertEquals("job.created", target.path("data").get(0).path("operation").asText());
        JsonNode api =
                tc.read("/api/audit-log?resource_id=" + viaApi).path("data").get(0);
        assertEquals("api", api.path("via").asText());
        assertProblem(tc.get("/api/audit-log?via=carrier-pigeon", Role.ADMIN), 400);
        assertProblem(tc.get("/api/audit-log", Role.OPERATOR), 403);
        assertEquals(200, tc.get("/api/audit-log?via=mcp", Role.ADMIN).status());
    }

    @Test
    void runsFilterByWhenTheyWereCreated() {
        String job = Api.createJob(tc, Jobs.shell(Jobs.uniqueName("ranged"), "true"));
        String run = Api.trigger(tc, job);
        java.time.Instant now = java.time.Instant.now();
        String around =
                "/api/executions?from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(600) + "&per_page=100";
        assertTrue(tc.read(around).toString().contains(run), "a run created in the range is listed");
        assertEquals(
                0,
                tc.read("/api/executions?from=" + now.plusSeconds(600))
                        .path("total")
                        .asLong());
        assertEquals(
                0,
                tc.read("/api/executions?to=" + now.minusSeconds(3600))
                        .path("total")
                        .asLong());
        assertProblem(tc.get("/api/executions?from=last-week", Role.VIEWER), 400);
    }
}
