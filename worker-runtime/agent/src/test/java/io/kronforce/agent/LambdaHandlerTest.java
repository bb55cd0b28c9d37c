package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Lambda handler runs a dispatch in-process, answers with the result and posts it to the callback. */
class LambdaHandlerTest {
    private final List<JsonNode> posted = new CopyOnWriteArrayList<>();
    private final List<String> auth = new CopyOnWriteArrayList<>();
    private HttpServer callback;

    @BeforeEach
    void start() throws IOException {
        callback = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        callback.createContext("/cb", exchange -> {
            auth.add(exchange.getRequestHeaders().getFirst("Authorization"));
            posted.add(ControllerLink.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        callback.start();
    }

    @AfterEach
    void stop() {
        callback.stop(0);
    }

    private static Map<String, Object> dispatch(String command, String callbackUrl) {
        Map<String, Object> event = new HashMap<>();
        event.put("execution_id", "e-lambda");
        event.put("job_id", "j-1");
        event.put("task", Map.of("type", "shell", "command", command));
        event.put("timeout_secs", 30);
        event.put("callback_url", callbackUrl);
        return event;
    }

    @Test
    void aDispatchRunsInTheInvocationAndItsResultIsReturnedAndPosted() {
        LambdaHandler handler = new LambdaHandler(
                Map.of("KRONFORCE_AGENT_KEY", "kf_lambda", "AWS_LAMBDA_FUNCTION_NAME", "kronforce-fn"));
        Map<String, Object> result = handler.handleRequest(
                dispatch(
                        "echo in-lambda",
                        "http://127.0.0.1:" + callback.getAddress().getPort() + "/cb?lease=t"),
                null);
        assertEquals("succeeded", result.get("status"));
        assertEquals("in-lambda\n", result.get("stdout"));
        assertEquals("kronforce-fn", result.get("agent_id"));
        assertEquals(1, posted.size());
        assertEquals("e-lambda", posted.getFirst().path("execution_id").asText());
        assertEquals("Bearer kf_lambda", auth.getFirst());
    }

    @Test
    void withoutACallbackTheResultIsOnlyReturned() {
        Map<String, Object> result = new LambdaHandler(Map.of()).handleRequest(dispatch("exit 4", null), null);
        assertEquals("failed", result.get("status"));
        assertEquals(4, result.get("exit_code"));
        assertTrue(posted.isEmpty());
    }

    @Test
    void anEventThatIsNotADispatchIsAnError() {
        LambdaHandler handler = new LambdaHandler(Map.of());
        assertThrows(IllegalArgumentException.class, () -> handler.handleRequest(Map.of("hello", "world"), null));
    }
}
