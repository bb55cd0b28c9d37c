package io.kronforce.task.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskHandlerProvider;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HttpTaskHandlerCheckTest {

    private final HttpTaskHandler handler = new HttpTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));

    @Test
    void acceptsAValidTask() {
        assertEquals(
                List.of(),
                handler.check(
                        new HttpTask("POST", "https://api.example.com/x?y=1", Map.of("Host", "a"), "{}", 204, null)));
        assertEquals(List.of(), handler.check(new HttpTask(null, "http://example.com", null, null, null, null)));
    }

    @Test
    void rejectsUnknownMethods() {
        assertEquals(List.of("/method"), pointers(new HttpTask("patch", "http://example.com", null, null, null, null)));
    }

    @Test
    void rejectsUrlsThatAreNotAbsoluteHttp() {
        for (String url :
                new String[] {null, "", "/relative", "ftp://example.com/", "http://", "http://a b/", "file:///etc"}) {
            assertEquals(
                    List.of("/url"), pointers(new HttpTask("get", url, null, null, null, null)), String.valueOf(url));
        }
    }

    @Test
    void rejectsExpectStatusOutOfRange() {
        assertEquals(List.of("/expect_status"), pointers(new HttpTask("get", "http://e.com", null, null, 99, null)));
        assertEquals(List.of("/expect_status"), pointers(new HttpTask("get", "http://e.com", null, null, 600, null)));
    }

    @Test
    void rejectsHeadersHttpCannotCarry() {
        Map<String, String> headers = new HashMap<>();
        headers.put("X/Bad Name", "v");
        headers.put("X-Split", "a\r\nInjected: 1");
        headers.put("X-Null", null);
        List<String> found = pointers(new HttpTask("get", "http://e.com", headers, null, null, null));
        assertEquals(
                List.of("/headers/X-Null", "/headers/X-Split", "/headers/X~1Bad Name"),
                found.stream().sorted().toList());
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        List<TaskHandler<?>> handlers = ServiceLoader.load(TaskHandlerProvider.class).stream()
                .<TaskHandler<?>>map(p -> p.get().create(new HandlerSettings(EgressPolicy.publicOnly())))
                .filter(h -> h.type().equals("http"))
                .toList();
        assertEquals(1, handlers.size());
        assertInstanceOf(HttpTaskHandler.class, handlers.get(0));
        assertEquals(HttpTask.class, handlers.get(0).configType());
    }

    private List<String> pointers(HttpTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }

    @Test
    void aPathIsEnoughWhenAConnectionFillsTheBaseUrl() {
        assertEquals(List.of(), handler.check(new HttpTask("get", "/v1/ping", null, null, null, "api")));
        assertEquals(List.of(), handler.check(new HttpTask("get", null, null, null, null, "api")));
        assertEquals(List.of("/url"), pointers(new HttpTask("get", "/v1/ping", null, null, null, null)));
        assertEquals(List.of("/url"), pointers(new HttpTask("get", "ftp://x/y", null, null, null, "api")));
    }
}
