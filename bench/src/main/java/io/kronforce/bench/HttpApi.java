package io.kronforce.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * A small JSON-over-HTTP client for one loopback server (java.net.http, HTTP/1.1 keep-alive).
 * Thread-safe: the load clients share one instance, so they share its connection pool.
 */
public final class HttpApi {

    /** Status and body of one response. */
    public record Response(int status, String body) {}

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final URI base;
    private final String authorization;

    /**
     * @param base e.g. {@code http://127.0.0.1:8080}
     * @param bearerKey sent as {@code Authorization: Bearer ...}, or {@code null} for none
     */
    public HttpApi(URI base, String bearerKey) {
        // HTTP/1.1 explicitly: the default (HTTP/2) adds an h2c upgrade attempt to every new connection.
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
        this.base = base;
        this.authorization = bearerKey == null ? null : "Bearer " + bearerKey;
    }

    /** GET {@code path} (with its query). */
    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /** POST {@code json} to {@code path}. */
    public Response post(String path, String json) throws IOException, InterruptedException {
        return send(request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST {@code json} with extra headers; the whole response, headers included (MCP reads its session id). */
    public HttpResponse<String> exchange(String path, String json, java.util.Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POST without a body (e.g. a trigger, whose body is optional). */
    public Response post(String path) throws IOException, InterruptedException {
        return send(request(path).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * GET {@code path} as a stream of lines as they arrive (server-sent events); no request
     * timeout, the stream stays open until the caller closes it or the server ends it.
     */
    public HttpResponse<Stream<String>> lines(String path) throws IOException, InterruptedException {
        return client.send(authorized(path).GET().build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** A loopback port that was free a moment ago (the child binds it; a clash fails loudly). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        }
    }

    private HttpRequest.Builder request(String path) {
        return authorized(path).timeout(REQUEST_TIMEOUT);
    }

    private HttpRequest.Builder authorized(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body());
    }
}
