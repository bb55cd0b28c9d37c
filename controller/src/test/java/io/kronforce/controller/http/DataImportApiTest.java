package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.TestController;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/data/import} over HTTP: upstream's own export files import unchanged, a dry run
 * answers item by item and changes nothing, and one refused item refuses the whole import.
 */
class DataImportApiTest extends ControllerPerTest {
    static final String ETL_ID = "3f2c1a9e-5b7d-4c1e-9a2b-0d1e2f3a4b5c";
    static final String LOAD_ID = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";

    /**
     * An export document exactly as upstream writes it with {@code include_secrets=true}: every
     * section populated, secrets in clear, job JSON in upstream's field order with its
     * {@code webhook_token}, agents, templates and API key metadata.
     */
    static ObjectNode upstreamExport() {
        ObjectNode doc = TestController.JSON.createObjectNode();
        doc.put("export_version", 2).put("exported_at", "2026-11-30T08:15:00.123456789+00:00");
        ArrayNode jobs = doc.putArray("jobs");
        upstreamJob(jobs.addObject(), ETL_ID, "etl-extract", "cron")
                .put("timeout_secs", 600)
                .put("retry_max", 2)
                .put("retry_delay_secs", 30)
                .put("retry_backoff", 2.0)
                .put("sla_deadline", "06:00")
                .put("timezone", "America/New_York")
                .put("webhook_token", "0123456789abcdef0123456789abcdef");
        ObjectNode load = upstreamJob(jobs.addObject(), LOAD_ID, "etl-load", "on_demand");
        load.putArray("depends_on").addObject().put("job_id", ETL_ID).put("within_secs", 3600);
        load.put("status", "paused").put("approval_required", true).put("priority", 5);
        load.putArray("parameters")
                .addObject()
                .put("name", "day")
                .put("param_type", "text")
                .put("required", false)
                .put("default", "today");
        ObjectNode template = doc.putArray("templates").addObject();
        template.put("name", "Shell Cron Task").put("description", "Run a shell command on a schedule");
        template.putObject("snapshot").putObject("task").put("type", "shell").put("command", "echo hi");
        template.put("created_by", "system").put("created_at", "2026-01-01T00:00:00Z");
        ObjectNode agent = doc.putArray("agents").addObject();
        agent.put("id", "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e").put("name", "worker-1");
        agent.putArray("tags").add("linux");
        agent.put("hostname", "worker-1")
                .put("address", "10.0.0.5")
                .put("port", 8081)
                .put("agent_type", "standard")
                .put("status", "online")
                .put("last_heartbeat", "2026-11-30T08:14:55Z")
                .put("registered_at", "2026-11-01T00:00:00Z")
                .putArray("task_types");
        doc.putArray("groups").add("Default").add("etl").add("reports");
        doc.putObject("settings")
                .put("retention_days", "14")
                .put("audit_retention_days", "120")
                .put("custom_groups", "[\"reports\"]")
                .put("ai_provider", "anthropic")
                .put("ai_api_key", "sk-upstream-clear-key")
                .put("notification_recipients", "{\"emails\":[\"ops@example.com\"],\"phones\":[]}")
                .put(
                        "notification_webhook",
                        "{\"enabled\":true,\"url\":\"https://hooks.slack.com/services/T0/B0/XYZ\","
                                + "\"format\":\"slack\",\"headers\":{}}")
                .put("pipeline_schedule_etl", "{\"type\":\"cron\",\"value\":\"0 30 1 * * *\"}")
                .put("pipeline_schedule_reports", "{\"type\":\"on_demand\"}");
        ArrayNode variables = doc.putArray("variables");
        variables
                .addObject()
                .put("name", "REGION")
                .put("value", "eu-west-1")
                .put("updated_at", "2026-11-02T10:00:00.5Z")
                .put("secret", false);
        variables
                .addObject()
                .put("name", "API_TOKEN")
                .put("value", "tok-clear-123")
                .put("updated_at", "2026-11-03T10:00:00Z")
                .put("secret", true)
                .put("expires_at", "2027-06-01T00:00:00Z");
        ObjectNode connection = doc.putArray("connections").addObject();
        connection.put("name", "warehouse").put("conn_type", "postgres").put("description", "the warehouse");
        connection.putObject("config").put("connection_string", "postgres://etl:pw@db:5432/dw");
        connection.put("created_at", "2026-10-01T00:00:00Z").put("updated_at", "2026-10-02T00:00:00Z");
        doc.putArray("api_keys")
                .addObject()
                .put("name", "ci")
                .put("role", "operator")
                .put("active", true)
                .putNull("allowed_groups")
                .putNull("ip_allowlist")
                .putNull("expires_at")
                .put("created_at", "2026-09-01T00:00:00Z");
        return doc;
    }

    /** A job in upstream's serialized field order. */
    static ObjectNode upstreamJob(ObjectNode j, String id, String name, String scheduleType) {
        j.put("id", id).put("name", name).put("description", "imported " + name);
        j.putObject("task").put("type", "shell").put("command", "echo " + name);
        j.putNull("run_as");
        ObjectNode schedule = j.putObject("schedule").put("type", scheduleType);
        if (scheduleType.equals("cron")) {
            schedule.put("value", "0 0 2 * * *");
        }
        j.put("status", "scheduled").putNull("timeout_secs").putArray("depends_on");
        j.putNull("target").putNull("created_by");
        j.put("created_at", "2026-10-05T12:00:00.250Z").put("updated_at", "2026-10-06T12:00:00.750Z");
        j.putNull("output_rules").putNull("notifications");
        j.put("group", "etl")
                .put("retry_max", 0)
                .put("retry_delay_secs", 0)
                .put("retry_backoff", 1.0)
                .put("approval_required", false)
                .put("priority", 0)
                .put("sla_warning_mins", 0)
                .put("max_concurrent", 0);
        return j;
    }

    private TestController.Response importing(Object body, String query) {
        return tc.post("/api/data/import" + query, Role.ADMIN, body);
    }

    @Test
    void upstreamsOwnExportWithEverySectionImportsUnchanged() {
        TestController.Response r = importing(upstreamExport(), "");
        assertEquals(200, r.status(), r::toString);
        JsonNode answer = r.json();
        assertEquals("ok", answer.path("status").asText());
        assertEquals(2, answer.path("imported").path("jobs").asInt(), answer::toString);
        assertEquals(2, answer.path("imported").path("variables").asInt());
        assertEquals(1, answer.path("imported").path("connections").asInt());
        assertEquals(8, answer.path("imported").path("settings").asInt(), "7 settings and etl's pipeline");
        assertEquals(
                "skip",
                item(answer, "settings", "pipeline_schedule_reports")
                        .path("action")
                        .asText(),
                "a pipeline kind we do not run is left out, not refused");
        assertEquals(2, answer.path("imported").path("groups").asInt(), "etl and reports; Default is always there");
        for (String ignored : List.of("agents", "templates", "api_keys")) {
            assertEquals(1, answer.path("skipped").path(ignored).asInt(), ignored);
        }

        JsonNode etl = tc.read("/api/jobs/" + ETL_ID);
        assertEquals("etl-extract", etl.path("name").asText());
        assertEquals("0 0 2 * * *", etl.path("schedule").path("value").asText());
        assertEquals(600, etl.path("timeout_secs").asInt());
        assertEquals(2.0, etl.path("retry_backoff").asDouble());
        assertEquals("06:00", etl.path("sla_deadline").asText());
        assertEquals("2026-10-05T12:00:00.250Z", etl.path("created_at").asText());
        assertFalse(etl.has("webhook_token"), "a clear webhook token from the file is never stored or shown");
        JsonNode load = tc.read("/api/jobs/" + LOAD_ID);
        assertEquals("paused", load.path("status").asText());
        assertEquals(ETL_ID, load.path("depends_on").path(0).path("job_id").asText());
        assertEquals("today", load.path("parameters").path(0).path("default").asText());

        assertEquals("eu-west-1", tc.read("/api/variables/REGION").path("value").asText());
        JsonNode token = tc.read("/api/variables/API_TOKEN");
        assertTrue(token.path("secret").asBoolean());
        assertEquals("\u2022".repeat(8), token.path("value").asText());
        var services = tc.parts().services();
        assertEquals("tok-clear-123", services.variables().resolved().values().get("API_TOKEN"));
        assertEquals(
                "postgres://etl:pw@db:5432/dw",
                services.connections()
                        .config("warehouse")
                        .orElseThrow()
                        .config()
                        .path("connection_string")
                        .asText());
        JsonNode settings = tc.read("/api/settings");
        assertEquals("14", settings.path("retention_days").asText());
        assertEquals("sk-upstream-clear-key", tc.parts().settings().plain().get("ai_api_key"));
        assertTrue(tc.parts()
                .settings()
                .plain()
                .get("notification_webhook")
                .contains("hooks.slack.com/services/T0/B0/XYZ"));
        assertFalse(settings.path("notification_webhook").asText().contains("XYZ"), "the webhook URL is masked");
        assertEquals(
                "0 30 1 * * *",
                tc.read("/api/jobs/pipeline-schedule/etl").path("value").asText());
        assertFalse(tc.read("/api/settings").has("pipeline_schedule_etl"), "kept with its group, not as a setting");
        List<String> groups = new ArrayList<>();
        tc.read("/api/jobs/groups").forEach(g -> groups.add(g.asText()));
        assertTrue(groups.containsAll(List.of("Default", "etl", "reports")), groups::toString);
        assertTrue(
                tc.read("/api/keys").findValuesAsText("name").stream().noneMatch("ci"::equals),
                "API keys are never imported");
    }

    @Test
    void upstreamsExportWithoutSecretsSkipsTheMaskedOnesAndKeepsWhatIsStored() {
        assertEquals(
                201,
                tc.post("/api/variables", Role.ADMIN, Map.of("name", "API_TOKEN", "value", "kept", "secret", true))
                        .status());
        ObjectNode doc = upstreamExport();
        ((ObjectNode) doc.path("variables").path(1)).put("value", "********");
        doc.remove("connections");
        doc.remove("api_keys");
        JsonNode answer = importing(doc, "").json();
        JsonNode item = item(answer, "variables", "API_TOKEN");
        assertEquals("skip", item.path("action").asText(), answer::toString);
        assertTrue(item.path("reason").asText().contains("left out"), item::toString);
        assertEquals(
                "kept", tc.parts().services().variables().resolved().values().get("API_TOKEN"));
    }

    @Test
    void aDryRunAnswersItemByItemAndChangesNothing() {
        assertEquals(
                201,
                tc.post("/api/variables", Role.ADMIN, Map.of("name", "REGION", "value", "us-east-1"))
                        .status());
        ObjectNode doc = upstreamExport();
        ((ObjectNode) doc.path("jobs").path(1))
                .putObject("schedule")
                .put("type", "cron")
                .put("value", "not cron");
        TestController.Response r = importing(doc, "?dry_run=true");
        assertEquals(200, r.status(), r::toString);
        JsonNode answer = r.json();
        assertTrue(answer.path("dry_run").asBoolean());
        assertEquals("refused", answer.path("status").asText());
        assertEquals(
                "update", item(answer, "variables", "REGION").path("action").asText());
        assertEquals(
                "create", item(answer, "variables", "API_TOKEN").path("action").asText());
        assertEquals(
                "create", item(answer, "jobs", "etl-extract").path("action").asText());
        JsonNode refused = item(answer, "jobs", "etl-load");
        assertEquals("refuse", refused.path("action").asText());
        assertEquals("/jobs/1", refused.path("pointer").asText());
        assertFalse(refused.path("reason").asText().isEmpty());
        assertEquals("skip", item(answer, "agents", null).path("action").asText());

        assertEquals(0, tc.read("/api/jobs").path("total").asInt(), "a dry run creates nothing");
        assertEquals("us-east-1", tc.read("/api/variables/REGION").path("value").asText());
        assertEquals(404, tc.get("/api/connections/warehouse", Role.ADMIN).status());
    }

    @Test
    void oneRefusedItemRefusesTheWholeImportAndStoredDataIsUntouched() {
        assertEquals(
                201,
                tc.post("/api/variables", Role.ADMIN, Map.of("name", "REGION", "value", "us-east-1"))
                        .status());
        ObjectNode doc = upstreamExport();
        ((ObjectNode) doc.path("jobs").path(1))
                .putArray("depends_on")
                .addObject()
                .put("job_id", "no-such-job");
        ((ObjectNode) doc.path("variables").path(0)).put("name", "BAD NAME");
        JsonNode problem = assertProblem(importing(doc, ""), 409);
        assertTrue(problem.path("error").asText().contains("nothing was changed"), problem::toString);
        List<String> pointers = problem.path("errors").findValuesAsText("pointer");
        assertEquals(List.of("/variables/0", "/jobs/1"), pointers, problem::toString);
        assertTrue(problem.path("errors").path(1).path("message").asText().contains("no-such-job"));

        assertEquals(0, tc.read("/api/jobs").path("total").asInt());
        assertEquals("us-east-1", tc.read("/api/variables/REGION").path("value").asText());
        assertEquals(404, tc.get("/api/variables/API_TOKEN", Role.ADMIN).status());
        assertEquals(404, tc.get("/api/connections/warehouse", Role.ADMIN).status());
        assertFalse(tc.read("/api/settings").has("ai_provider"));
    }

    @Test
    void aFailureWhileWritingRollsTheWholeImportBack() {
        // Each job's dependency is in the file, so planning passes; the cycle shows only once both
        // are written, inside the transaction, which must then leave nothing behind.
        ObjectNode doc = upstreamExport();
        ((ObjectNode) doc.path("jobs").path(0))
                .putArray("depends_on")
                .addObject()
                .put("job_id", LOAD_ID);
        TestController.Response r = importing(doc, "");
        assertProblem(r, 409);
        assertTrue(r.json().path("error").asText().contains("cycle"), r::toString);
        assertEquals(0, tc.read("/api/jobs").path("total").asInt());
        assertEquals(0, tc.read("/api/variables").size());
        assertEquals(404, tc.get("/api/connections/warehouse", Role.ADMIN).status());
        assertEquals("7", tc.read("/api/settings").path("retention_days").asText());
    }

    @Test
    void aNameTakenByAnotherStoredJobIsRefused() {
        String taken = io.kronforce.controller.testing.Api.createJob(
                tc, io.kronforce.controller.testing.Jobs.shell("etl-extract", "true"));
        JsonNode problem = assertProblem(importing(upstreamExport(), ""), 409);
        assertTrue(problem.path("errors").path(0).path("message").asText().contains(taken), problem::toString);
    }

    @Test
    void reimportingAJobUpdatesItAsItsNextVersion() {
        assertEquals(200, importing(upstreamExport(), "").status());
        ObjectNode doc = upstreamExport();
        ((ObjectNode) doc.path("jobs").path(0)).put("description", "changed");
        JsonNode answer = importing(doc, "").json();
        assertEquals(
                "update", item(answer, "jobs", "etl-extract").path("action").asText());
        JsonNode etl = tc.read("/api/jobs/" + ETL_ID);
        assertEquals("changed", etl.path("description").asText());
        assertEquals(2, tc.read("/api/jobs/" + ETL_ID + "/versions").size());
    }

    @Test
    void badInputIsA4xxProblemAndChangesNothing() {
        assertProblem(tc.send("POST", "/api/data/import", tc.key(Role.ADMIN), "application/json", "{\"jobs\": ["), 400);
        assertProblem(importing("[]", ""), 422);
        assertProblem(importing(Map.of("jobs", "not a list"), ""), 422);
        assertProblem(importing(Map.of("settings", List.of()), ""), 422);
        assertProblem(importing(Map.of("export_version", 99), ""), 400);
        assertProblem(importing(Map.of(), "?dry_run=maybe"), 400);
        assertProblem(tc.send("POST", "/api/data/import", tc.key(Role.ADMIN), "text/plain", "{}"), 415);
        JsonNode problem = assertProblem(importing(Map.of("jobs", List.of(42, Map.of("name", 7))), ""), 409);
        assertEquals(2, problem.path("errors").size(), problem::toString);
        assertProblem(tc.post("/api/data/import", Role.OPERATOR, upstreamExport()), 403);
        assertEquals(0, tc.read("/api/jobs").path("total").asInt(), "no bad import stored anything");
    }

    static JsonNode item(JsonNode answer, String section, String name) {
        for (JsonNode i : answer.path("items")) {
            if (i.path("section").asText().equals(section)
                    && (name == null || i.path("name").asText().equals(name))) {
                return i;
            }
        }
        throw new AssertionError("no " + section + " item " + name + " in " + answer);
    }
}
