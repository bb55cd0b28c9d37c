package io.kronforce.controller.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.main.ControllerSettings;
import io.kronforce.controller.main.RunningController;
import io.kronforce.controller.main.Wiring;
import io.kronforce.controller.web.RouteSpec;
import io.kronforce.worker.tls.TlsContexts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole controller, built by {@code Wiring} and started by {@code RunningController} as the
 * command line starts it (retention duty included), on a real SQLite file in a
 * temporary directory and on 127.0.0.1 port 0; plus a loopback HTTP client and one key per role.
 * {@link #restart()} rebuilds everything on the same file.
 */
public final class TestController implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String JSON_TYPE = "application/json";

    private final Map<String, String> env;
    private final InstantSource clock;
    private final HttpClient client;
    private final Map<Role, String> keys = new HashMap<>();
    private ControllerSettings settings;
    private RunningController running;

    /** An HTTP answer: status, body text and headers. */
    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String contentType() {
            return headers.firstValue("content-type").orElse("");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 500 ? body.substring(0, 500) + "…" : body);
        }
    }

    private TestController(Map<String, String> env, InstantSource clock) {
        this.env = Map.copyOf(env);
        this.clock = clock;
        HttpClient.Builder b =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        // A TLS controller in a test serves a self-signed certificate: trust exactly that one.
        Optional.ofNullable(env.get("KRONFORCE_TLS_CERT"))
                .ifPresent(cert -> b.sslContext(TlsContexts.client(Optional.of(Path.of(cert)))));
        this.client = b.build();
    }

    /** Starts a controller whose database lives in {@code dir}; {@code extraEnv} adds or overrides variables. */
    public static TestController start(Path dir, Map<String, String> extraEnv) {
        return start(dir, extraEnv, InstantSource.system());
    }

    /**
     * As {@link #start(Path, Map)}, on {@code clock}: tests that step time (leases, heartbeats)
     * pass a {@code MutableInstantSource} and drive the periodic passes themselves.
     */
    public static TestController start(Path dir, Map<String, String> extraEnv, InstantSource clock) {
        Map<String, String> env = new HashMap<>();
        env.put("KRONFORCE_DB", dir.resolve("kronforce.db").toString());
        env.put("KRONFORCE_BIND", "127.0.0.1:0");
        env.put("KRONFORCE_BOOTSTRAP_ADMIN_KEY", ApiKeys.generate());
        env.put("KRONFORCE_BOOTSTRAP_AGENT_KEY", ApiKeys.generate());
        env.put("KRONFORCE_EGRESS_ALLOW", "127.0.0.1/32");
        env.put("KRONFORCE_LOCAL_WORKERS", "64");
        env.put("KRONFORCE_SHUTDOWN_GRACE_SECS", "0");
        // Tests hammer one controller from one address with many wrong keys: limits are the concern
        // of the rate-limit tests, which turn them back on.
        env.put("KRONFORCE_RATE_LIMIT_ENABLED", "false");
        env.putAll(extraEnv);
        TestController tc = new TestController(env, clock);
        tc.boot();
        tc.keys.put(Role.ADMIN, env.get("KRONFORCE_BOOTSTRAP_ADMIN_KEY"));
        tc.keys.put(Role.AGENT, env.get("KRONFORCE_BOOTSTRAP_AGENT_KEY"));
        tc.keys.put(Role.OPERATOR, tc.createKey("operator", Role.OPERATOR));
        tc.keys.put(Role.VIEWER, tc.createKey("viewer", Role.VIEWER));
        return tc;
    }

    public static TestController start(Path dir) {
        return start(dir, Map.of());
    }

    private void boot() {
        settings = ControllerSettings.fromEnv(env);
        running = RunningController.start(settings, Wiring.build(settings, clock));
    }

    /** Stops the server, the executor and the database, then builds them again on the same file. */
    public void restart() {
        stop();
        boot();
    }

    /** As {@link #restart()}, running {@code whileDown} (say, moving a test clock) between stop and start. */
    public void restartAt(Runnable whileDown) {
        stop();
        whileDown.run();
        boot();
    }

    private void stop() {
        running.close();
    }

    @Override
    public void close() {
        stop();
    }

    /** Creates a key through the application layer; returns the raw key. */
    public String createKey(String name, Role role) {
        return createKey(name, role, List.of());
    }

    /** A key limited to {@code allowedGroups} (empty: every group); answers the raw key. */
    public String createKey(String name, Role role, List<String> allowedGroups) {
        return parts().keys()
                .create(Principal.SYSTEM, new ApiKeys.NewKey(name, role, allowedGroups, List.of(), null))
                .raw();
    }

    public String key(Role role) {
        return keys.get(role);
    }

    public Wiring.Parts parts() {
        return running.parts();
    }

    public ControllerSettings settings() {
        return settings;
    }

    public List<RouteSpec> routes() {
        return running.routes();
    }

    public Path dbFile() {
        return settings.dbFile();
    }

    public int port() {
        return running.port();
    }

    /** The listener's connection cap in force (the setting, or lower for the descriptor limit). */
    public int maxConnections() {
        return running.maxConnections();
    }

    public URI uri(String path) {
        return URI.create(settings.tls().scheme() + "://127.0.0.1:" + running.port() + path);
    }

    public Response get(String path, Role role) {
        return send("GET", path, key(role), null, null);
    }

    public Response delete(String path, Role role) {
        return send("DELETE", path, key(role), null, null);
    }

    public Response post(String path, Role role, Object body) {
        return send("POST", path, key(role), JSON_TYPE, body);
    }

    public Response put(String path, Role role, Object body) {
        return send("PUT", path, key(role), JSON_TYPE, body);
    }

    /** GET as admin that must answer 200; the JSON body. */
    public JsonNode read(String path) {
        Response r = get(path, Role.ADMIN);
        if (r.status() != 200) {
            throw new AssertionError("GET " + path + " → " + r);
        }
        return r.json();
    }

    /**
     * Any request. {@code key} may be null (no credential); {@code body} may be null, a String or
     * byte[] (sent as is) or anything Jackson serialises.
     */
    public Response send(String method, String path, String key, String contentType, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher(body));
        Optional.ofNullable(key).ifPresent(k -> b.header("Authorization", "Bearer " + k));
        Optional.ofNullable(contentType).ifPresent(t -> b.header("Content-Type", t));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A GET to a streaming route (server-sent events): the status and headers, and the body only
     * when it is an error (a successful stream is closed unread).
     */
    public Response open(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        Optional.ofNullable(key).ifPresent(k -> b.header("Authorization", "Bearer " + k));
        try {
            HttpResponse<java.io.InputStream> r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                String body = r.statusCode() >= 300 ? new String(in.readAllBytes(), StandardCharsets.UTF_8) : "";
                return new Response(r.statusCode(), body, r.headers());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        try {
            return switch (body) {
                case null -> HttpRequest.BodyPublishers.noBody();
                case byte[] bytes -> HttpRequest.BodyPublishers.ofByteArray(bytes);
                case String text -> HttpRequest.BodyPublishers.ofString(text);
                default -> HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
