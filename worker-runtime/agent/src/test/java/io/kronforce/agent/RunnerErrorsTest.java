package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kronforce.task.testkit.ThrowingHandler;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.host.TaskHost;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A run on an agent that ends in a fatal error is still reported, as failed, so the controller
 * does not wait out its lease; the error is rethrown after the report (see the host's Fatal).
 */
class RunnerErrorsTest {
    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private HttpServer callback;
    private TaskHost host;

    @BeforeEach
    void start() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/cb", exchange -> {
            results.add(ControllerLink.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
        host = new TaskHost(HandlerCatalog.of(List.of(new ThrowingHandler())), InstantSource.system(), 1024);
    }

    @AfterEach
    void stop() {
        host.close();
        callback.stop(0);
    }

    @Test
    void aFatalErrorInARunIsReportedAsFailedThenRethrown() {
        ControllerLink link = new ControllerLink(URI.create("http://127.0.0.1:1"), Optional.of("k"), Optional.empty());
        Runner runner = new Runner(host, link, () -> "agent-1", Duration.ofMillis(10));
        HostedRun run = new HostedRun(
                "e-1",
                "j-1",
                1,
                Map.of("type", ThrowingHandler.TYPE, "error", "out-of-memory"),
                Optional.empty(),
                Optional.empty());

        assertThrows(
                OutOfMemoryError.class,
                () -> runner.runAndReport(
                        run, "http://127.0.0.1:" + callback.getAddress().getPort() + "/cb?lease=t"));

        assertEquals(1, results.size());
        JsonNode report = results.get(0);
        assertEquals("failed", report.path("status").asText(), report::toString);
        assertTrue(
                report.path("stderr")
                        .asText()
                        .contains(
                                "agent error while running the task: java.lang.OutOfMemoryError: test: heap exhausted"),
                report::toString);
        assertEquals("e-1", report.path("execution_id").asText());
    }
}
