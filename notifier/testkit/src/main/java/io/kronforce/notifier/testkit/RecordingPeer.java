package io.kronforce.notifier.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on 127.0.0.1 (port 0) standing in for a SaaS endpoint: it records every
 * request and answers each path from a script of replies, so a test can play "503 with
 * Retry-After, then 200". An unscripted path answers 404.
 */
public final class RecordingPeer implements AutoCloseable {

    /** One request as the peer saw it. Header names are case-insensitive. */
    public record Recorded(
            String method, String path, String query, com.sun.net.httpserver.Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One scripted answer; {@code hang} holds the exchange open until the peer closes. */
    public record Reply(int status, String contentType, String body, Map<String, String> headers, boolean hang) {
        public static Reply of(int status, String body, String... headerPairs) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Reply(status, "text/plain", body, headers, false);
        }

        public static Reply json(int status, String body, String... headerPairs) {
            Reply plain = of(status, body, headerPairs);
            return new Reply(status, "application/json", body, plain.headers(), false);
        }

        public static Reply hanging() {
            return new Reply(0, "text/plain", "", Map.of(), true);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);

    private RecordingPeer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static RecordingPeer start() throws IOException {
        return new RecordingPeer();
    }

    /**
     * Scripts {@code path}: each request takes the next reply; the last one repeats.
     */
    public RecordingPeer on(String path, Reply... replies) {
        scripts.put(path, new ArrayDeque<>(List.of(replies)));
        return this;
    }

    /** The absolute URL of {@code path} on this peer, e.g. {@code http://127.0.0.1:41234/hook}. */
    public String url(String pathAndQuery) {
        InetSocketAddress address = server.getAddress();
        return "http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + pathAndQuery;
    }

    public URI baseUri() {
        return URI.create(url(""));
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The only request received; fails when there were none or several. */
    public Recorded single() {
        if (requests.size() != 1) {
            throw new AssertionError("expected exactly one request, got " + requests.size() + ": " + requests);
        }
        return requests.getFirst();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = exchange.getRequestURI();
        requests.add(new Recorded(
                exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(), exchange.getRequestHeaders(), body));
        Reply reply = next(uri.getPath());
        if (reply.hang()) {
            awaitClose();
        }
        reply.headers().forEach(exchange.getResponseHeaders()::add);
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        int status = reply.status() == 0 ? 500 : reply.status();
        boolean noBody = bytes.length == 0 || status == 204;
        exchange.sendResponseHeaders(status, noBody ? -1 : bytes.length);
        if (!noBody) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private Reply next(String path) {
        Deque<Reply> script = scripts.get(path);
        if (script == null) {
            return Reply.of(404, "no route");
        }
        synchronized (script) {
            return script.size() > 1 ? script.pollFirst() : script.peekFirst();
        }
    }

    private void awaitClose() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
