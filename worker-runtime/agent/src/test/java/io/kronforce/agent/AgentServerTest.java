package io.kronforce.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.helidon.webserver.WebServer;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.TaskHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's server and runner on loopback, against a recording callback server standing in for
 * the controller's result route: key check, background run, result posted with the key, retry on
 * a 5xx, cancel.
 */
class AgentServerTest {
    private static final String KEY = "kf_agent-test-key";
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private final AtomicBoolean shutdown = new AtomicBoolean();
    private HttpServer callback;
    private TaskHost host;
    private WebServer agent;

    @BeforeEach
    void start() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/cb", exchange -> {
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = failFirst.getAndDecrement() > 0 ? 503 : 200;
            if (status == 200) {
                results.add(
                        ControllerLink.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        callback.start();
        host = new TaskHost(
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        ControllerLink link = new ControllerLink(URI.create("http://127.0.0.1:1"), Optional.of(KEY), Optional.empty());
        Runner runner = new Runner(host, link, () -> "agent-1", Duration.ofMillis(50));
        agent = new AgentServer(Optional.of(KEY), runner, host, () -> shutdown.set(true))
                .start("127.0.0.1", 0, Optional.empty());
    }

    @AfterEach
    void stop() {
        agent.stop();
        host.close();
        callback.stop(0);
    }

    private HttpResponse<String> post(String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String execute(String id, String command) {
        return "{\"execution_id\":\"" + id + "\",\"job_id\":\"job-1\",\"task\":{\"type\":\"shell\",\"command\":\""
                + command + "\"},\"run_as\":null,\"timeout_secs\":null,\"callback_url\":\"http://127.0.0.1:"
                + callback.getAddress().getPort() + "/cb?lease=t1\"}";
    }

    @Test
    void executeRunsInTheBackgroundAndPostsTheResultWithTheKey() throws Exception {
        HttpResponse<String> r = post("/execute", KEY, execute("e1", "echo agent-ran"));
        assertEquals(200, r.statusCode());
        assertEquals("{\"accepted\":true,\"message\":null}", r.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == 1);
        JsonNode result = results.getFirst();
        assertEquals("e1", result.path("execution_id").asText());
        assertEquals("succeeded", result.path("status").asText());
        assertEquals("agent-ran\n", result.path("stdout").asText());
        assertEquals("agent-1", result.path("agent_id").asText());
        assertEquals("Bearer " + KEY, auth.getFirst());
    }

    @Test
    void aFailingCallbackIsRetried() throws Exception {
        failFirst.set(2);
        assertEquals(200, post("/execute", KEY, execute("e2", "true")).statusCode());
        await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == 1);
        assertEquals(3, auth.size(), "two refused attempts, then the accepted one");
    }

    @Test
    void wrongOrMissingKeysAreRefusedAndHealthIsOpen() throws Exception {
        for (String key : new String[] {null, "kf_wrong", KEY + "x"}) {
            HttpResponse<String> r = post("/execute", key, execute("e3", "true"));
            assertEquals(401, r.statusCode());
            assertEquals("{\"error\":\"invalid or missing agent key\"}", r.body());
        }
        assertEquals(401, post("/shutdown", null, "{}").statusCode());
        assertTrue(!shutdown.get());
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.port() + "/health"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("{\"status\":\"ok\"}", health.body());
    }

    @Test
    void cancelStopsARunningTaskAndReportsCancelled() throws Exception {
        assertEquals(200, post("/execute", KEY, execute("e4", "sleep 30")).statusCode());
        await().atMost(Duration.ofSeconds(10)).until(() -> host.isRunning("e4"));
        assertEquals(
                "{\"cancelled\":true}",
                post("/cancel", KEY, "{\"execution_id\":\"e4\"}").body());
        await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == 1);
        assertEquals("cancelled", results.getFirst().path("status").asText());
        assertEquals(
                "{\"cancelled\":false,\"message\":\"not running\"}",
                post("/cancel", KEY, "{\"execution_id\":\"e4\"}").body());
    }

    @Test
    void malformedBodiesAre400AndShutdownAnswersBeforeItStops() throws Exception {
        assertEquals(400, post("/execute", KEY, "{not json").statusCode());
        assertEquals(422, post("/execute", KEY, "{\"job_id\":\"j\"}").statusCode());
        HttpResponse<String> r = post("/shutdown", KEY, "{}");
        assertEquals("{\"status\":\"shutting_down\"}", r.body());
        // The answer leaves before the shutdown starts, so it may arrive first.
        await().atMost(Duration.ofSeconds(10)).until(shutdown::get);
    }
}
