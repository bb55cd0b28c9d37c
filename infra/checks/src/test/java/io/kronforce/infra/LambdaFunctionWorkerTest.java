package io.kronforce.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function worker of infra/sam under the real AWS Lambda runtime interface client, in a child
 * JVM, against {@link LambdaRuntimeApi} on loopback: a real controller sends a job's run to the
 * function URL (target {@code function}, signed), the client hands the event to
 * {@code FunctionUrlHandler}, the run's result goes back as the HTTP answer and the controller
 * records it. A request with a forged signature is answered 401 and runs nothing. The scheduled
 * poller claims a queued run of its pool the same way a pull worker does.
 */
class LambdaFunctionWorkerTest {
    private static final String ADMIN = "kf_lambda_test_admin_0123456789abcdef";
    private static final String SECRET = "function-secret-for-the-test-0123456789";
    private static final String AGENT = "kf_lambda_test_agent_0123456789abcdef";
    static final String HANDLER = "io.kronforce.agent.FunctionUrlHandler::handleRequest";
    static final String POLLER = "io.kronforce.agent.QueuePollerHandler::handleRequest";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aControllerRunGoesThroughTheRuntimeClientAndIsRecorded(@TempDir Path tmp) throws Exception {
        try (LambdaRuntimeApi aws = new LambdaRuntimeApi()) {
            Process function = startRuntimeClient(aws, tmp.resolve("function.log"));
            int port = freePort();
            Process controller = startController(port, tmp);
            try {
                awaitHealthy(port, controller);
                post(port, "/api/variables", "{\"name\":\"FN_SECRET\",\"value\":\"" + SECRET + "\",\"secret\":true}");
                JsonNode job = post(port, "/api/jobs", """
                        {"name":"on-lambda","task":{"type":"shell","command":"echo ran inside the function"},
                         "schedule":{"type":"on_demand"},
                         "target":{"type":"function","url":"%s","secret":"{{FN_SECRET}}"}}""".formatted(aws.functionUrl()));
                String execution = post(port, "/api/jobs/" + job.get("id").asText() + "/trigger", "{}")
                        .get("execution_id")
                        .asText();

                JsonNode run = awaitFinished(port, execution);
                assertEquals(
                        "succeeded",
                        run.get("status").asText(),
                        () -> run + "\nfunction log:\n" + read(tmp.resolve("function.log")));
                assertTrue(run.get("stdout").asText().contains("ran inside the function"), run.toString());
                assertTrue(aws.events
                        .getFirst()
                        .at("/headers/x-kronforce-signature")
                        .asText()
                        .startsWith("v1="));

                HttpResponse<String> forged = http.send(
                        HttpRequest.newBuilder(URI.create(aws.functionUrl()))
                                .header("X-Kronforce-Timestamp", Long.toString(System.currentTimeMillis() / 1000))
                                .header("X-Kronforce-Signature", "v1=" + "0".repeat(64))
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        aws.events.getFirst().get("body").asText()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(401, forged.statusCode(), forged.body());
                assertTrue(aws.initErrors.isEmpty(), aws.initErrors.toString());
            } finally {
                controller.destroy();
                function.destroyForcibly();
                controller.waitFor();
            }
        }
    }

    @Test
    void theScheduledPollerClaimsItsPoolsQueuedRunsAndReturnsWhenTheQueueIsEmpty(@TempDir Path tmp) throws Exception {
        try (LambdaRuntimeApi aws = new LambdaRuntimeApi()) {
            int port = freePort();
            Process controller = startController(port, tmp);
            Process function = null;
            try {
                awaitHealthy(port, controller);
                JsonNode job = post(port, "/api/jobs", """
                        {"name":"polled-by-lambda","task":{"type":"shell","command":"echo claimed by the poller"},
                         "schedule":{"type":"on_demand"},"target":{"type":"tagged","tag":"lambda"}}""");
                String execution = post(port, "/api/jobs/" + job.get("id").asText() + "/trigger", "{}")
                        .get("execution_id")
                        .asText();
                function = startRuntimeClient(
                        aws,
                        tmp.resolve("poller.log"),
                        POLLER,
                        java.util.Map.of(
                                "KRONFORCE_CONTROLLER_URL",
                                "http://127.0.0.1:" + port,
                                "KRONFORCE_AGENT_KEY",
                                AGENT,
                                "KRONFORCE_AGENT_TAGS",
                                "lambda",
                                "KRONFORCE_POLLER_RESERVE_SECS",
                                "5"));

                JsonNode answer = aws.invoke("{\"source\":\"aws.scheduler\",\"detail-type\":\"Scheduled Event\"}");
                assertEquals(1, answer.path("claimed").asInt(), () -> answer + "\n" + read(tmp.resolve("poller.log")));
                JsonNode run = awaitFinished(port, execution);
                assertEquals("succeeded", run.get("status").asText(), run.toString());
                assertTrue(run.get("stdout").asText().contains("claimed by the poller"), run.toString());
                assertEquals(0, aws.invoke("{}").path("claimed").asInt(), "nothing queued: returns at once");
            } finally {
                controller.destroy();
                if (function != null) {
                    function.destroyForcibly();
                }
                controller.waitFor();
            }
        }
    }

    private static Process startRuntimeClient(LambdaRuntimeApi aws, Path log) throws IOException {
        return startRuntimeClient(aws, log, HANDLER, java.util.Map.of("KRONFORCE_FUNCTION_SECRET", SECRET));
    }

    /** The runtime interface client's main, as the Java managed runtime starts it, with our handler. */
    private static Process startRuntimeClient(
            LambdaRuntimeApi aws, Path log, String handler, java.util.Map<String, String> env) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(
                        javaBin(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                        handler)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("AWS_LAMBDA_RUNTIME_API", aws.runtimeApi());
        pb.environment().put("AWS_LAMBDA_FUNCTION_NAME", "kronforce-function-worker");
        pb.environment().put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        pb.environment().put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        pb.environment().put("_HANDLER", handler);
        return pb.start();
    }

    private static Process startController(int port, Path tmp) throws IOException {
        Path jar = Repo.root().resolve("controller/target/kronforce-controller.jar");
        ProcessBuilder pb = new ProcessBuilder(
                        javaBin(), "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("controller.log").toFile());
        pb.environment().put("KRONFORCE_DB", tmp.resolve("kronforce.db").toString());
        pb.environment().put("KRONFORCE_BIND", "127.0.0.1:" + port);
        pb.environment().put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", ADMIN);
        pb.environment().put("KRONFORCE_BOOTSTRAP_AGENT_KEY", AGENT);
        pb.environment().put("KRONFORCE_RATE_LIMIT_ENABLED", "false"); // it polls the run every 200 ms
        // The function URL is on loopback here; the egress policy refuses private addresses otherwise.
        pb.environment().put("KRONFORCE_EGRESS_ALLOW", "127.0.0.0/8");
        return pb.start();
    }

    private void awaitHealthy(int port, Process controller) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline && controller.isAlive()) {
            try {
                if (http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the controller did not become healthy");
    }

    private JsonNode awaitFinished(int port, String execution) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = get(port, "/api/executions/" + execution);
            if (!List.of("pending", "running", "queued")
                    .contains(run.get("status").asText())) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not finished in 120 s: " + run);
    }

    private JsonNode post(int port, String path, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, path + " answered " + r.statusCode() + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Bearer " + ADMIN)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
