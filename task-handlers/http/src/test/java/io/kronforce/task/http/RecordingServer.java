package io.kronforce.task.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A loopback HTTP server that records every request and answers from a per-path script. */
final class RecordingServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Recorded(String method, String path, com.sun.net.httpserver.Headers headers, String body, String rawTarget) {
        String header(String name) {
            return headers.getFirst(name);
        }
    }

    private record Route(int status, String body, List<String> headerPairs, boolean hang) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private RecordingServer(String bindAddress) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(bindAddress), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static RecordingServer start(String bindAddress) throws IOException {
        return new RecordingServer(bindAddress);
    }

    /** Answers {@code path} with a status, a body and header name/value pairs. */
    RecordingServer reply(String path, int status, String body, String... headerPairs) {
        routes.put(path, new Route(status, body, List.of(headerPairs), false));
        return this;
    }

    /** Never answers {@code path} (until the server closes). */
    RecordingServer hang(String path) {
        routes.put(path, new Route(0, "", List.of(), true));
        return this;
    }

    URI uri(String path) {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + path);
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        requests.add(new Recorded(
                exchange.getRequestMethod(),
                path,
                exchange.getRequestHeaders(),
                body,
                exchange.getRequestURI().toString()));
        Route route = routes.getOrDefault(path, new Route(404, "no route", List.of(), false));
        if (route.hang()) {
            awaitRelease();
        }
        for (int i = 0; i + 1 < route.headerPairs().size(); i += 2) {
            exchange.getResponseHeaders()
                    .add(route.headerPairs().get(i), route.headerPairs().get(i + 1));
        }
        byte[] bytes = route.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(route.status() == 0 ? 500 : route.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void awaitRelease() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
