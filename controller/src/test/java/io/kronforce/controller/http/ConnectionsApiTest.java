package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.ControllerPerTest;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Named connections (docs/reference/variables-and-secrets.md): masked, sealed, merged into runs, tested for real. */
class ConnectionsApiTest extends ControllerPerTest {
    private static final String MASK = "********";

    private TestController.Response create(String name, String type, Map<String, Object> config) {
        return tc.post("/api/connections", Role.OPERATOR, Map.of("name", name, "conn_type", type, "config", config));
    }

    private static JsonNode httpTask(String url, String connection) {
        return TestController.JSON
                .createObjectNode()
                .put("type", "http")
                .put("method", "GET")
                .put("url", url)
                .put("connection", connection);
    }

    @Test
    void crudMasksSecretsAndRefusesDuplicatesWith409() throws Exception {
        TestController.Response created = create(
                "warehouse",
                "postgres",
                Map.of("connection_string", "postgres://etl:pg-s3cret@db.example:5432/dw", "schema", "public"));
        assertEquals(201, created.status(), created::toString);
        assertEquals(
                MASK, created.json().path("config").path("connection_string").asText());
        assertEquals("public", created.json().path("config").path("schema").asText());
        assertEquals(
                "postgres",
                tc.read("/api/connections/warehouse").path("conn_type").asText());
        assertEquals(1, tc.read("/api/connections").size());

        JsonNode dup = assertProblem(create("warehouse", "postgres", Map.of("connection_string", "x")), 409);
        assertEquals("connection 'warehouse' already exists", dup.path("error").asText());
        assertProblem(create("bad name!", "postgres", Map.of()), 400);
        assertProblem(create("other", "oracle", Map.of()), 400);
        assertProblem(
                tc.post(
                        "/api/connections",
                        Role.OPERATOR,
                        Map.of("name", "x", "conn_type", "redis", "config", "not-an-object")),
                422);
        assertProblem(tc.get("/api/connections/nope", Role.VIEWER), 404);

        assertEquals(204, tc.delete("/api/connections/warehouse", Role.OPERATOR).status());
        assertProblem(tc.delete("/api/connections/warehouse", Role.OPERATOR), 404);
    }

    @Test
    void anUpdateOverlaysAndAMaskedValueKeepsTheStoredSecretWhichIsSealedAtRest() throws Exception {
        tc.close();
        tc = TestController.start(dir.resolve("sealed"), Map.of("KRONFORCE_ENCRYPTION_KEY", "connections-test-key"));
        create("cache", "redis", Map.of("url", "redis://:redis-s3cret@cache.example:6379", "db", "0"));
        TestController.Response updated = tc.put(
                "/api/connections/cache",
                Role.OPERATOR,
                Map.of("description", "shared cache", "config", Map.of("url", MASK, "db", "2")));
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("2", updated.json().path("config").path("db").asText());
        assertEquals("shared cache", updated.json().path("description").asText());
        assertFalse(tc.read("/api/connections/cache").toString().contains("redis-s3cret"));
        tc.close();
        byte[] file = Files.readAllBytes(tc.dbFile());
        assertFalse(new String(file, StandardCharsets.ISO_8859_1).contains("redis-s3cret"), "sealed at rest");
        tc.restart();
        assertEquals(
                "2", tc.read("/api/connections/cache").path("config").path("db").asText(), "opens after a restart");
    }

    @Test
    void anHttpTaskIsFilledFromItsConnectionAndItsSecretIsMaskedInOutput() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            seen.add(ex.getRequestURI().getPath() + " " + ex.getRequestHeaders().getFirst("Authorization"));
            byte[] body = ("token was " + ex.getRequestHeaders().getFirst("Authorization")).getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            assertEquals(
                    201,
                    create(
                                    "api",
                                    "http",
                                    Map.of("base_url", base + "/v1", "auth_type", "bearer", "token", "tok-s3cret-77"))
                            .status());
            String job = Api.createJob(
                    tc, Jobs.http("via-connection", "GET", "/ping").with("task", httpTask("/ping", "api")));
            JsonNode run = Api.awaitStatus(tc, Api.trigger(tc, job), "succeeded", Duration.ofSeconds(15));
            assertEquals(List.of("/v1/ping Bearer tok-s3cret-77"), seen);
            assertFalse(run.toString().contains("tok-s3cret-77"), run::toString);
            assertEquals("api", run.path("task_snapshot").path("connection").asText());
            assertEquals(
                    "/ping", run.path("task_snapshot").path("url").asText(), "the snapshot keeps the task as written");

            String missing =
                    Api.createJob(tc, Jobs.http("no-connection", "GET", "/x").with("task", httpTask("/x", "gone")));
            JsonNode failed = Api.awaitStatus(tc, Api.trigger(tc, missing), "failed", Duration.ofSeconds(15));
            assertEquals("connection 'gone' not found", failed.path("stderr").asText());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theTestEndpointReallyConnectsAndKeepsToTheEgressPolicy() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            create("live", "redis", Map.of("host", "127.0.0.1", "port", listening.getLocalPort()));
            JsonNode ok =
                    tc.post("/api/connections/live/test", Role.OPERATOR, null).json();
            assertTrue(ok.path("success").asBoolean(), ok::toString);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closed = s.getLocalPort();
        }
        create("dead", "mqtt", Map.of("broker", "127.0.0.1:" + closed));
        JsonNode refused =
                tc.post("/api/connections/dead/test", Role.OPERATOR, null).json();
        assertFalse(refused.path("success").asBoolean(), refused::toString);

        create("private", "postgres", Map.of("connection_string", "postgres://u:p@10.1.2.3:5432/db"));
        JsonNode denied =
                tc.post("/api/connections/private/test", Role.OPERATOR, null).json();
        assertFalse(denied.path("success").asBoolean(), denied::toString);
        assertTrue(denied.path("message").asText().contains("non-public"), denied::toString);
    }
}
