package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/data/export} and {@code DELETE /api/data/delete} over HTTP: secrets leave sealed
 * or not at all, a controller with another key refuses them by name, delete-all needs its header
 * and keeps the keys, and export → delete-all → import gives back the same data.
 */
class DataExportApiTest {
    private static final String KEY = "correct horse battery staple";
    private static final String TOKEN = "tok-SECRET-4711";
    private static final String PASSWORD = "pg-PASSWORD-0815";
    private static final String AI_KEY = "sk-AI-KEY-2342";

    @TempDir
    Path dir;

    private final List<TestController> started = new java.util.ArrayList<>();

    private TestController start(String name, String encryptionKey) {
        TestController tc = TestController.start(
                dir.resolve(name),
                encryptionKey == null ? Map.of() : Map.of("KRONFORCE_ENCRYPTION_KEY", encryptionKey));
        started.add(tc);
        return tc;
    }

    @AfterEach
    void stop() {
        started.forEach(TestController::close);
    }

    /** Jobs (one edited twice, one depending on it, one paused), variables, a connection, a script, settings, a group. */
    private static void populate(TestController tc) {
        String extract = Api.createJob(
                tc, Jobs.shell("extract", "echo extract").cron("0 0 2 * * *").group("etl"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + extract, Role.OPERATOR, Map.of("timeout_secs", 60))
                        .status());
        assertEquals(
                200,
                tc.put("/api/jobs/" + extract, Role.OPERATOR, Map.of("description", "v3"))
                        .status());
        Api.createJob(tc, Jobs.shell("load", "echo load").dependsOn(extract).group("etl"));
        String paused = Api.createJob(tc, Jobs.shell("report", "echo report"));
        assertEquals(
                200,
                tc.put("/api/jobs/" + paused, Role.OPERATOR, Map.of("status", "paused"))
                        .status());
        assertEquals(
                201,
                tc.post("/api/jobs/groups", Role.OPERATOR, Map.of("name", "empty-group"))
                        .status());
        assertEquals(
                200,
                tc.put(
                                "/api/jobs/pipeline-schedule/etl",
                                Role.OPERATOR,
                                Map.of("schedule", Map.of("type", "cron", "value", "0 0 3 1 1 *")))
                        .status());
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "REGION", "value", "eu-west-1"))
                        .status());
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "API_TOKEN", "value", TOKEN, "secret", true))
                        .status());
        assertEquals(
                201,
                tc.post(
                                "/api/connections",
                                Role.OPERATOR,
                                Map.of(
                                        "name",
                                        "warehouse",
                                        "conn_type",
                                        "ftp",
                                        "description",
                                        "files",
                                        "config",
                                        Map.of("host", "ftp.example", "port", 21, "password", PASSWORD)))
                        .status());
        assertEquals(
                200,
                tc.put("/api/scripts/tidy", Role.OPERATOR, Map.of("code", "print('tidy')"))
                        .status());
        assertEquals(
                200,
                tc.put("/api/settings", Role.OPERATOR, Map.of("retention_days", "21", "ai_api_key", AI_KEY))
                        .status());
    }

    private static JsonNode export(TestController tc, boolean secrets) {
        return tc.read("/api/data/export" + (secrets ? "?include_secrets=true" : ""));
    }

    private static TestController.Response deleteAll(TestController tc, String confirmation) {
        var b = java.net.http.HttpRequest.newBuilder(tc.uri("/api/data/delete"))
                .DELETE()
                .header("Authorization", "Bearer " + tc.key(Role.ADMIN));
        if (confirmation != null) {
            b.header("X-Confirm-Delete", confirmation);
        }
        try {
            var r = tc.client().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TestController.Response(r.statusCode(), r.body(), r.headers());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void assertNoClearSecret(String body) {
        for (String secret : List.of(TOKEN, PASSWORD, AI_KEY)) {
            assertFalse(body.contains(secret), () -> "export carries " + secret + " in clear");
        }
    }

    @Test
    void withoutSecretsTheyAreMaskedAndListed() {
        TestController tc = start("a", KEY);
        populate(tc);
        JsonNode doc = export(tc, false);
        assertNoClearSecret(doc.toString());
        assertEquals("omitted", doc.path("secrets").asText());
        List<String> omitted = new java.util.ArrayList<>();
        doc.path("omitted_secrets").forEach(o -> omitted.add(o.asText()));
        assertEquals(
                List.of("setting ai_api_key", "variable API_TOKEN", "connection warehouse: password"),
                omitted,
                doc::toString);
        assertEquals(2, doc.path("export_version").asInt());
        assertEquals(3, doc.path("jobs").size());
        assertEquals("tidy", doc.path("scripts").path(0).path("name").asText());
    }

    @Test
    void withSecretsTheyAreSealedAndAControllerWithTheSameKeyRestoresThem() {
        TestController a = start("a", KEY);
        populate(a);
        JsonNode doc = export(a, true);
        assertNoClearSecret(doc.toString());
        assertEquals("sealed", doc.path("secrets").asText());
        assertEquals(0, doc.path("omitted_secrets").size());
        assertTrue(doc.path("variables").findParents("secret").stream()
                .filter(v -> v.path("secret").asBoolean())
                .allMatch(v -> v.path("value").asText().startsWith("enc:")));

        TestController b = start("b", KEY);
        TestController.Response r = b.post("/api/data/import", Role.ADMIN, doc);
        assertEquals(200, r.status(), r::toString);
        assertEquals(TOKEN, b.parts().services().variables().resolved().values().get("API_TOKEN"));
        assertEquals(
                PASSWORD,
                b.parts()
                        .services()
                        .connections()
                        .config("warehouse")
                        .orElseThrow()
                        .config()
                        .path("password")
                        .asText());
        assertEquals(AI_KEY, b.parts().settings().plain().get("ai_api_key"));
    }

    @Test
    void aControllerWithAnotherKeyRefusesTheSealedSecretsByNameAndStoresNothing() {
        TestController a = start("a", KEY);
        populate(a);
        JsonNode doc = export(a, true);
        TestController other = start("other", "another key entirely");

        JsonNode dry =
                other.post("/api/data/import?dry_run=true", Role.ADMIN, doc).json();
        assertEquals("refused", dry.path("status").asText(), dry::toString);
        assertEquals(
                "refuse",
                DataImportApiTest.item(dry, "variables", "API_TOKEN")
                        .path("action")
                        .asText());
        JsonNode problem = assertProblem(other.post("/api/data/import", Role.ADMIN, doc), 409);
        List<String> pointers = problem.path("errors").findValuesAsText("pointer");
        assertEquals(List.of("/variables/0", "/connections/0", "/settings/ai_api_key"), pointers, problem::toString);
        assertTrue(problem.path("errors").path(0).path("message").asText().contains("another encryption key"));
        assertEquals(0, other.read("/api/jobs").path("total").asInt());
        assertEquals(0, other.read("/api/variables").size());

        TestController keyless = start("keyless", null);
        assertProblem(keyless.post("/api/data/import", Role.ADMIN, doc), 409);
        assertEquals(0, keyless.read("/api/variables").size(), "no ciphertext is ever stored as a secret");
    }

    @Test
    void secretsAreNeverExportedInClearByAControllerWithoutAKey() {
        TestController tc = start("a", null);
        populate(tc);
        assertProblem(tc.get("/api/data/export?include_secrets=true", Role.ADMIN), 400);
        assertProblem(tc.get("/api/data/export?include_secrets=yes", Role.ADMIN), 400);
        assertNoClearSecret(export(tc, false).toString());
    }

    @Test
    void exportDeleteAllImportGivesBackTheSameData() {
        TestController tc = start("a", KEY);
        populate(tc);
        JsonNode doc = export(tc, true);
        JsonNode jobsBefore = storedJobs(tc);
        Map<String, JsonNode> versionsBefore = versions(tc, jobsBefore);
        JsonNode variablesBefore = tc.read("/api/variables");
        JsonNode connectionsBefore = tc.read("/api/connections");
        JsonNode scriptsBefore = tc.read("/api/scripts/tidy");
        JsonNode settingsBefore = tc.read("/api/settings");
        JsonNode groupsBefore = tc.read("/api/jobs/groups");
        JsonNode pipelineBefore = tc.read("/api/jobs/pipeline-schedule/etl");
        assertEquals("cron", pipelineBefore.path("type").asText());

        TestController.Response wiped = deleteAll(tc, "yes-delete-all-data");
        assertEquals(200, wiped.status(), wiped::toString);
        assertTrue(wiped.json().path("deleted").asBoolean());
        assertEquals(3, wiped.json().path("jobs_removed").asInt());
        assertEquals(0, tc.read("/api/jobs").path("total").asInt());
        assertEquals(0, tc.read("/api/variables").size());
        assertEquals(0, tc.read("/api/connections").size());
        assertEquals(0, tc.read("/api/scripts").size());
        assertTrue(tc.read("/api/jobs/pipeline-schedule/etl").isNull(), "pipelines go with their groups");

        TestController.Response r = tc.post("/api/data/import", Role.ADMIN, doc);
        assertEquals(200, r.status(), r::toString);
        assertEquals(jobsBefore, storedJobs(tc));
        assertEquals(versionsBefore, versions(tc, jobsBefore));
        assertEquals(variablesBefore, tc.read("/api/variables"));
        assertEquals(connectionsBefore, tc.read("/api/connections"));
        assertEquals(scriptsBefore, tc.read("/api/scripts/tidy"));
        assertEquals(settingsBefore, tc.read("/api/settings"));
        assertEquals(groupsBefore, tc.read("/api/jobs/groups"));
        assertEquals(pipelineBefore, tc.read("/api/jobs/pipeline-schedule/etl"));
        assertEquals(
                TOKEN, tc.parts().services().variables().resolved().values().get("API_TOKEN"));
        String extract = jobsBefore.findParents("name").stream()
                .filter(j -> j.path("name").asText().equals("extract"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asText();
        Api.awaitStatus(tc, Api.trigger(tc, extract), "succeeded", Duration.ofSeconds(10));
    }

    /** Every job as listed, without what the API derives from runs and the clock. */
    private static JsonNode storedJobs(TestController tc) {
        JsonNode data = tc.read("/api/jobs?per_page=100").path("data").deepCopy();
        for (JsonNode j : data) {
            ((ObjectNode) j)
                    .remove(List.of(
                            "next_fire_time", "last_execution", "execution_counts", "deps_satisfied", "deps_status"));
        }
        return data;
    }

    private static Map<String, JsonNode> versions(TestController tc, JsonNode jobs) {
        Map<String, JsonNode> out = new java.util.TreeMap<>();
        jobs.forEach(j -> out.put(
                j.path("id").asText(), tc.read("/api/jobs/" + j.path("id").asText() + "/versions")));
        return out;
    }

    @Test
    void deleteAllNeedsItsConfirmationHeaderIsAuditedAndKeepsTheKeys() {
        TestController tc = start("a", null);
        populate(tc);
        assertProblem(deleteAll(tc, null), 400);
        assertProblem(deleteAll(tc, "yes"), 400);
        assertProblem(tc.delete("/api/data/delete", Role.OPERATOR), 403);
        assertEquals(3, tc.read("/api/jobs").path("total").asInt(), "nothing deleted without the header");

        assertEquals(200, deleteAll(tc, "yes-delete-all-data").status());
        JsonNode keys = tc.read("/api/keys");
        assertTrue(keys.size() >= 4, keys::toString);
        for (Role role : List.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER)) {
            assertEquals(200, tc.get("/api/jobs", role).status(), role::toString);
        }
        assertEquals("21", tc.read("/api/settings").path("retention_days").asText(), "settings are kept");
        JsonNode audit = tc.read("/api/audit-log?operation=data.deleted");
        assertEquals(1, audit.path("data").size(), audit::toString);
        assertNotEquals("", audit.path("data").path(0).path("actor_key_name").asText(""));
    }

    @Test
    void deleteAllIsRefusedWhileARunIsInProgress() {
        TestController tc = start("a", null);
        String job = Api.createJob(tc, Jobs.shell("slow", "sleep 30"));
        String run = Api.trigger(tc, job);
        Api.awaitStatus(tc, run, "running", Duration.ofSeconds(10));
        assertProblem(deleteAll(tc, "yes-delete-all-data"), 409);
        assertEquals(1, tc.read("/api/jobs").path("total").asInt());
        assertEquals(
                200,
                tc.post("/api/executions/" + run + "/cancel", Role.OPERATOR, null)
                        .status());
    }
}
