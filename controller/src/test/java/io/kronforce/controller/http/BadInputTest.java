package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way a write request can be wrong ends in the right 4xx, stores nothing (no row, event,
 * audit entry, setting, template or version), and never in a 500. Paths use {@code {job}},
 * {@code {leaf}} and {@code {var}} for the fixtures made in {@link #start()}, {@code {tpl}} for a
 * seeded template.
 */
class BadInputTest {
    private static final List<String> WRITE_ENDPOINTS = List.of(
            "POST /api/jobs",
            "PUT /api/jobs/{job}",
            "POST /api/jobs/{job}/trigger",
            "POST /api/variables",
            "PUT /api/variables/{var}",
            "POST /api/keys",
            "PUT /api/settings",
            "POST /api/templates",
            "POST /api/templates/{tpl}/jobs",
            "POST /api/jobs/{job}/template",
            "POST /api/jobs/{job}/versions/1/restore");

    @TempDir
    static Path dir;

    static TestController tc;
    static String rootJob;
    static String leafJob;

    /** Everything a rejected request must leave as it was. */
    record Snapshot(
            long jobs,
            long executions,
            int variables,
            int keys,
            long events,
            long audit,
            JsonNode settings,
            JsonNode templates,
            int rootVersions) {}

    @BeforeAll
    static void start() {
        tc = TestController.start(dir);
        rootJob = Api.createJob(tc, Jobs.shell("root", "echo root"));
        leafJob = Api.createJob(tc, Jobs.shell("leaf", "echo leaf").dependsOn(rootJob));
        assertEquals(
                201,
                tc.post("/api/variables", Role.OPERATOR, Map.of("name", "EXISTING", "value", "v"))
                        .status());
        assertEquals(
                200,
                tc.put("/api/settings", Role.ADMIN, Map.of("retention_days", "7"))
                        .status());
    }

    @AfterAll
    static void stop() {
        tc.close();
    }

    static Stream<String> writeEndpoints() {
        return WRITE_ENDPOINTS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeEndpoints")
    void malformedJsonIs400(String endpoint) {
        rejected(endpoint, TestController.JSON_TYPE, "{\"name\": ", 400);
        rejected(endpoint, TestController.JSON_TYPE, "{\"a\":1} trailing", 400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeEndpoints")
    void textPlainIs415(String endpoint) {
        rejected(endpoint, "text/plain", "{\"name\":\"x\",\"value\":\"y\",\"role\":\"viewer\"}", 415);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeEndpoints")
    void aBodyThatIsNotAnObjectIs422(String endpoint) {
        rejected(endpoint, TestController.JSON_TYPE, "[1,2]", 422);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writeEndpoints")
    void aBodyOver8MibIs413AndTheServerKeepsAnswering(String endpoint) {
        byte[] big = new byte[8 * 1024 * 1024 + 4096];
        Arrays.fill(big, (byte) ' ');
        big[0] = '{';
        big[big.length - 1] = '}';
        rejected(endpoint, TestController.JSON_TYPE, big, 413);
        assertEquals(200, tc.get("/api/health", Role.VIEWER).status());
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                // A task its handler cannot run is 422 with a pointer into the task.
                Arguments.of("POST /api/jobs", job("\"task\":{\"type\":\"http\",\"url\":\"not a url\"}")),
                Arguments.of(
                        "POST /api/jobs",
                        "{\"name\":5,\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                                + "\"schedule\":{\"type\":\"on_demand\"}}"),
                Arguments.of("POST /api/jobs", job("\"task\":\"x\"")),
                Arguments.of("POST /api/jobs", job("\"timeout_secs\":\"10\"")),
                Arguments.of("POST /api/jobs", job("\"approval_required\":\"yes\"")),
                Arguments.of("POST /api/jobs", job("\"depends_on\":\"root\"")),
                Arguments.of("POST /api/jobs", job("\"schedule\":\"on_demand\"")),
                Arguments.of("POST /api/jobs", job("\"task\":{\"type\":\"teleport\"}")),
                Arguments.of("PUT /api/jobs/{job}", "{\"timeout_secs\":\"10\"}"),
                Arguments.of("PUT /api/jobs/{job}", "{\"status\":\"sleeping\"}"),
                Arguments.of("POST /api/variables", "{\"name\":\"OK_NAME\",\"value\":\"v\",\"secret\":\"yes\"}"),
                Arguments.of("POST /api/variables", "{\"name\":5,\"value\":\"v\"}"),
                Arguments.of("PUT /api/variables/{var}", "{\"value\":5}"),
                Arguments.of("POST /api/keys", "{\"name\":5,\"role\":\"viewer\"}"),
                Arguments.of("POST /api/keys", "{\"name\":\"k\",\"role\":\"viewer\",\"ip_allowlist\":\"10.0.0.1\"}"),
                Arguments.of("PUT /api/settings", "{\"retention_days\":5}"),
                Arguments.of("POST /api/templates", "{\"name\":\"t\",\"snapshot\":[]}"),
                Arguments.of("POST /api/templates", "{\"name\":5,\"snapshot\":{}}"),
                Arguments.of("POST /api/templates/{tpl}/jobs", "{\"name\":\"n\",\"params\":\"x\"}"),
                Arguments.of("POST /api/jobs/{job}/template", "{\"name\":\"t\",\"description\":5}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongTypes")
    void wellFormedJsonOfTheWrongShapeIs422(String endpoint, String body) {
        rejected(endpoint, TestController.JSON_TYPE, body, 422);
    }

    static Stream<Arguments> semanticErrors() {
        return Stream.of(
                Arguments.of("POST /api/jobs", job("\"schedule\":{\"type\":\"cron\",\"value\":\"not a cron\"}")),
                Arguments.of("POST /api/jobs", job("\"schedule\":{\"type\":\"cron\",\"value\":\"* * * *\"}")),
                Arguments.of("POST /api/jobs", job("\"schedule\":{\"type\":\"cron\",\"value\":\"0 0 25 * * *\"}")),
                Arguments.of("POST /api/jobs", job("\"schedule\":{\"type\":\"weekly\"}")),
                Arguments.of("POST /api/jobs", named("bad/name")),
                Arguments.of("POST /api/jobs", named("x".repeat(256))),
                Arguments.of("POST /api/jobs", named("   ")),
                Arguments.of("POST /api/jobs", job("\"group\":\"" + "g".repeat(51) + "\"")),
                Arguments.of("POST /api/jobs", job("\"group\":\"bad/group\"")),
                Arguments.of(
                        "POST /api/jobs",
                        job("\"depends_on\":[{\"job_id\":\"00000000-0000-4000-8000-000000000000\"}]")),
                Arguments.of("POST /api/jobs", job("\"timeout_secs\":0")),
                Arguments.of("PUT /api/jobs/{job}", "{\"depends_on\":[{\"job_id\":\"{leaf}\"}]}"),
                Arguments.of("PUT /api/jobs/{job}", "{\"depends_on\":[{\"job_id\":\"{job}\"}]}"),
                Arguments.of("PUT /api/jobs/{job}", "{\"name\":\"bad/name\"}"),
                Arguments.of("PUT /api/jobs/{job}", "{\"if_unmodified_since\":\"yesterday\"}"),
                Arguments.of("POST /api/jobs/{job}/trigger", "{\"params\":\"x\"}"),
                Arguments.of("POST /api/variables", "{\"name\":\"bad-name\",\"value\":\"v\"}"),
                Arguments.of("POST /api/variables", "{\"name\":\"\",\"value\":\"v\"}"),
                Arguments.of("POST /api/variables", "{\"name\":\"NO_VALUE\"}"),
                Arguments.of("POST /api/keys", "{\"name\":\"k\",\"role\":\"superuser\"}"),
                Arguments.of(
                        "POST /api/keys", "{\"name\":\"k\",\"role\":\"viewer\",\"ip_allowlist\":[\"10.0.0.300\"]}"),
                Arguments.of(
                        "POST /api/keys", "{\"name\":\"k\",\"role\":\"viewer\",\"ip_allowlist\":[\"example.com\"]}"),
                Arguments.of("POST /api/keys", "{\"name\":\"\",\"role\":\"viewer\"}"),
                Arguments.of("PUT /api/settings", "{\"retention_days\":\"-1\"}"),
                Arguments.of("PUT /api/settings", "{\"audit_retention_days\":\"soon\"}"),
                Arguments.of("PUT /api/settings", "{\"bad key!\":\"x\"}"),
                Arguments.of(
                        "POST /api/templates", "{\"snapshot\":{\"task\":{\"type\":\"shell\",\"command\":\"true\"}}}"),
                Arguments.of("POST /api/templates", "{\"name\":\"t\",\"snapshot\":{}}"),
                Arguments.of("POST /api/templates/{tpl}/jobs", "{\"name\":\"bad/name\"}"),
                Arguments.of("POST /api/templates/{tpl}/jobs", "{\"name\":\"n\",\"params\":{\"nope\":\"x\"}}"),
                Arguments.of("POST /api/jobs/{job}/template", "{}"),
                Arguments.of("POST /api/jobs/{job}/versions/1/restore", "{\"if_unmodified_since\":\"yesterday\"}"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("semanticErrors")
    void semanticallyInvalidInputIs400(String endpoint, String body) {
        rejected(endpoint, TestController.JSON_TYPE, body, 400);
    }

    @Test
    void aDuplicateJobNameIs409() {
        rejected("POST /api/jobs", TestController.JSON_TYPE, named("root"), 409);
        rejected("PUT /api/jobs/{leaf}", TestController.JSON_TYPE, "{\"name\":\"root\"}", 409);
    }

    @Test
    void aDuplicateVariableIs409() {
        rejected("POST /api/variables", TestController.JSON_TYPE, "{\"name\":\"EXISTING\",\"value\":\"other\"}", 409);
    }

    @Test
    void aStaleIfUnmodifiedSinceIs409() {
        rejected(
                "PUT /api/jobs/{job}",
                TestController.JSON_TYPE,
                "{\"description\":\"late\",\"if_unmodified_since\":\"2001-01-01T00:00:00Z\"}",
                409);
    }

    @Test
    void aBodyOverTheServerLimitIsRefusedWithoutHanging() {
        byte[] huge = new byte[17 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        Snapshot before = snapshot();
        // Expect: 100-continue lets the server refuse on Content-Length before the body is sent;
        // without it the server's early 413 races the upload and the client may see a broken pipe.
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(tc.uri("/api/variables"))
                .timeout(java.time.Duration.ofSeconds(30))
                .expectContinue(true)
                .header("Authorization", "Bearer " + tc.key(Role.ADMIN))
                .header("Content-Type", TestController.JSON_TYPE)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge))
                .build();
        java.net.http.HttpResponse<String> r = send(request);
        assertEquals(413, r.statusCode(), r::body);
        assertEquals(before, snapshot());
        assertEquals(200, tc.get("/api/health", Role.VIEWER).status());
    }

    private static java.net.http.HttpResponse<String> send(java.net.http.HttpRequest request) {
        try {
            return tc.client().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A valid job body with one member replaced (or added): {@code field} is {@code "name":json}. */
    private static String job(String field) {
        try {
            var override = (ObjectNode) TestController.JSON.readTree("{" + field + "}");
            var body = Jobs.shell(Jobs.uniqueName("bad"), "true").json();
            body.setAll(override);
            return body.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String named(String name) {
        return "{\"name\":\"" + name + "\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                + "\"schedule\":{\"type\":\"on_demand\"}}";
    }

    /** Sends as admin; asserts the status, the problem body, and that nothing was stored. */
    private static void rejected(String endpoint, String contentType, Object body, int status) {
        String[] parts = endpoint.split(" ", 2);
        String path = fill(parts[1]);
        Object payload = body instanceof String s ? fill(s).getBytes(StandardCharsets.UTF_8) : body;
        Snapshot before = snapshot();
        TestController.Response r = tc.send(parts[0], path, tc.key(Role.ADMIN), contentType, payload);
        Api.assertNoServerError(r, endpoint);
        assertProblem(r, status);
        assertEquals(before, snapshot(), () -> endpoint + " stored something although it answered " + r);
    }

    private static String fill(String text) {
        return text.replace("{job}", rootJob)
                .replace("{leaf}", leafJob)
                .replace("{var}", "EXISTING")
                .replace("{tpl}", "Shell%20Cron%20Task");
    }

    private static Snapshot snapshot() {
        return new Snapshot(
                tc.read("/api/jobs?per_page=1").path("total").asLong(),
                tc.read("/api/executions?per_page=1").path("total").asLong(),
                tc.read("/api/variables").size(),
                tc.read("/api/keys").size(),
                tc.read("/api/events?per_page=1").path("total").asLong(),
                tc.read("/api/audit-log?per_page=1").path("total").asLong(),
                tc.read("/api/settings"),
                tc.read("/api/templates"),
                tc.read("/api/jobs/" + rootJob + "/versions").size());
    }

    @Test
    void theFixtureLeavesRootAndLeafLinked() {
        JsonNode leaf = tc.read("/api/jobs/" + leafJob);
        assertTrue(leaf.path("depends_on").get(0).path("job_id").asText().equals(rootJob), leaf::toString);
    }
}
