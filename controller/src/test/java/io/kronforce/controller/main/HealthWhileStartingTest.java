package io.kronforce.controller.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.helidon.webserver.WebServer;
import io.kronforce.controller.web.RouteSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server listens before recovery and the timers have run (see {@link RunningController}); until
 * the start sequence is done, health must not tell a probe that this controller can schedule.
 */
class HealthWhileStartingTest {

    @Test
    void healthSaysStartingUntilTheStartSequenceIsDone(@TempDir Path dir) throws Exception {
        ControllerSettings settings = ControllerSettings.fromEnv(
                Map.of("KRONFORCE_DB", dir.resolve("kronforce.db").toString(), "KRONFORCE_BIND", "127.0.0.1:0"));
        Wiring.Parts parts = Wiring.build(settings, InstantSource.system());
        List<RouteSpec> routes = new ArrayList<>();
        WebServer server = Wiring.serve(settings, parts, routes);
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/api/health"))
                    .build();

            HttpResponse<String> starting = client.send(health, HttpResponse.BodyHandlers.ofString());
            assertEquals(503, starting.statusCode());
            assertTrue(starting.body().contains("\"status\":\"starting\""), starting.body());

            parts.services().system().started();
            HttpResponse<String> ok = client.send(health, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("\"status\":\"ok\""), ok.body());
        } finally {
            server.stop();
            parts.workers().close();
            parts.executor().shutdown(java.time.Duration.ZERO);
            parts.notifications().close();
            parts.db().close();
        }
    }
}
