package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/connections/{name}/test} (docs/reference/variables-and-secrets.md#connection-test): sqlite — the
 * file exists; http — {@code HEAD base_url} answers 2xx/3xx; every other type — a TCP connect to its host and port
 * (from {@code host}/{@code broker} + {@code port}, or parsed from {@code url} /
 * {@code connection_string}, upstream's default ports otherwise). Every target passes the
 * egress policy first, so the test cannot be used to probe private addresses (upstream's can).
 */
final class ConnectionProbe {
    private static final Duration TCP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, Integer> DEFAULT_PORTS = Map.ofEntries(
            Map.entry("postgres", 5432),
            Map.entry("mysql", 3306),
            Map.entry("redis", 6379),
            Map.entry("kafka", 9092),
            Map.entry("mqtt", 1883),
            Map.entry("rabbitmq", 5672),
            Map.entry("ftp", 21),
            Map.entry("sftp", 22),
            Map.entry("ssh", 22),
            Map.entry("smtp", 587),
            Map.entry("mongodb", 27017),
            Map.entry("s3", 443),
            Map.entry("http", 443));

    private final EgressPolicy egress;

    ConnectionProbe(EgressPolicy egress) {
        this.egress = egress;
    }

    /** The outcome upstream answers with. */
    record Result(boolean success, String message) {}

    Result test(String type, ObjectNode config) {
        try {
            return switch (type) {
                case "sqlite" -> sqlite(config);
                case "http" -> http(config);
                default -> tcp(type, config);
            };
        } catch (EgressDeniedException e) {
            return new Result(false, e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, "connection failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, "interrupted");
        }
    }

    private static Result sqlite(ObjectNode config) {
        String path = config.path("connection_string").asText("").replaceFirst("^(jdbc:)?sqlite:(//)?", "");
        return Files.isRegularFile(Path.of(path))
                ? new Result(true, "database file exists")
                : new Result(false, "database file not found");
    }

    private Result http(ObjectNode config) throws IOException, InterruptedException, EgressDeniedException {
        URI uri = URI.create(config.path("base_url").asText(""));
        egress.check(uri);
        try (HttpClient client = HttpClient.newBuilder()
                .connectTimeout(HTTP_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            int status = client.send(
                            HttpRequest.newBuilder(uri)
                                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                                    .timeout(HTTP_TIMEOUT)
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            return status < 400 ? new Result(true, "HTTP " + status) : new Result(false, "HTTP " + status);
        }
    }

    private Result tcp(String type, ObjectNode config) throws IOException, EgressDeniedException {
        String host = config.path("host").asText(config.path("broker").asText(""));
        int port = config.path("port").asInt(0);
        String address =
                config.path("url").asText(config.path("connection_string").asText(""));
        if (host.isEmpty() && !address.isEmpty()) {
            URI uri = URI.create(address.replaceFirst("^jdbc:", ""));
            host = uri.getHost() == null ? "" : uri.getHost();
            port = port == 0 ? uri.getPort() : port;
        }
        if (host.contains(":") && !host.startsWith("[") && port <= 0) { // "broker": "host:port"
            port = Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
            host = host.substring(0, host.lastIndexOf(':'));
        }
        if (host.isEmpty()) {
            return new Result(false, "no host in the connection config");
        }
        port = port > 0 ? port : DEFAULT_PORTS.getOrDefault(type, 0);
        List<InetAddress> addresses = egress.checkHost(host);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(addresses.get(0), port), (int) TCP_TIMEOUT.toMillis());
        }
        return new Result(true, "connected to " + host + ":" + port);
    }
}
