package io.kronforce.agent;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.tls.ServerFiles;
import io.kronforce.worker.tls.ServerMaterial;
import io.kronforce.worker.wire.CancelAck;
import io.kronforce.worker.wire.CancelRequest;
import io.kronforce.worker.wire.ExecuteAck;
import io.kronforce.worker.wire.ExecuteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's own HTTP server (docs/reference/agent-protocol.md): {@code POST /execute}, {@code /cancel},
 * {@code /shutdown} behind the agent key (compared in constant time, never logged), and an open
 * {@code GET /health}. Bodies are capped at 10 MiB as upstream. https when given a TLS context.
 */
final class AgentServer {
    private static final int MAX_BODY = 10 * 1024 * 1024;

    private final Optional<byte[]> key;
    private final Runner runner;
    private final TaskHost host;
    private final Runnable shutdown;
    private volatile boolean clientCertificates;

    AgentServer(Optional<String> key, Runner runner, TaskHost host, Runnable shutdown) {
        this.key = key.map(k -> k.getBytes(StandardCharsets.UTF_8));
        this.runner = runner;
        this.host = host;
        this.shutdown = shutdown;
    }

    /**
     * @param tls the server's files when it serves https ({@code KRONFORCE_TLS_CERT} and {@code _KEY}); with
     *     {@code KRONFORCE_TLS_CLIENT_CA} the controller must present a certificate from those CAs on
     *     {@code /execute}, {@code /cancel} and {@code /shutdown} ({@code /health} stays open for probes)
     */
    WebServer start(String bindHost, int port, Optional<ServerFiles> tls) {
        clientCertificates = tls.flatMap(ServerFiles::clientCa).isPresent();
        if (port != 0) {
            // Asked first, so that a port in use is one line, not Helidon's logged stack trace.
            try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
                probe.bind(new java.net.InetSocketAddress(bindHost, port));
            } catch (IOException e) {
                throw cannotListen(bindHost, port, e.getMessage());
            }
        }
        WebServerConfig.Builder b = WebServer.builder()
                .host(bindHost)
                .port(port)
                .maxPayloadSize(MAX_BODY)
                .shutdownHook(false)
                .routing(this::routes);
        tls.ifPresent(files -> b.tls(helidonTls(files.read())));
        WebServer server = b.build().start();
        if (server.port() < 0) {
            // Helidon logs a listener that cannot bind and starts without it: the controller could not push.
            server.stop();
            throw cannotListen(bindHost, port, "the listener did not start");
        }
        return server;
    }

    private static AgentSettings.InvalidSetting cannotListen(String host, int port, String reason) {
        return new AgentSettings.InvalidSetting("cannot listen on " + host + ":" + port + " (KRONFORCE_AGENT_BIND): "
                + reason + "; stop what holds it or choose another KRONFORCE_AGENT_BIND");
    }

    /**
     * Helidon's own key and trust managers rather than a finished {@code SSLContext}: only those can be
     * swapped in a running server ({@link WebServer#reloadTls}). A client certificate is asked for, not
     * required, so {@code /health} answers probes without one; a presented one must chain to the
     * client CAs alone.
     */
    static Tls helidonTls(ServerMaterial m) {
        return Tls.builder()
                .privateKey(m.key())
                .privateKeyCertChain(m.chain())
                .trust(m.clientCas())
                .clientAuth(m.clientCas().isEmpty() ? TlsClientAuth.NONE : TlsClientAuth.OPTIONAL)
                .build();
    }

    private void routes(HttpRouting.Builder r) {
        r.get("/health", (req, res) -> json(res, Status.OK_200, Map.of("status", "ok")))
                .post("/execute", (req, res) -> guarded(req, res, () -> execute(req, res)))
                .post("/cancel", (req, res) -> guarded(req, res, () -> cancel(req, res)))
                .post(
                        "/shutdown",
                        (req, res) -> guarded(req, res, () -> {
                            json(res, Status.OK_200, Map.of("status", "shutting_down"));
                            shutdown.run();
                        }));
    }

    private interface Body {
        void run() throws IOException;
    }

    private void guarded(ServerRequest req, ServerResponse res, Body body) throws IOException {
        if (clientCertificates
                && req.remotePeer().tlsCertificates().filter(c -> c.length > 0).isEmpty()) {
            json(
                    res,
                    Status.FORBIDDEN_403,
                    Map.of("error", "a client certificate signed by a CA in KRONFORCE_TLS_CLIENT_CA is required"));
            return;
        }
        if (!authorized(req)) {
            json(res, Status.UNAUTHORIZED_401, Map.of("error", "invalid or missing agent key"));
            return;
        }
        try {
            body.run();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            json(res, Status.BAD_REQUEST_400, Map.of("error", "malformed request body: " + e.getOriginalMessage()));
        }
    }

    /** Constant-time comparison: how long a wrong key takes to refuse tells nothing about the right one. */
    private boolean authorized(ServerRequest req) {
        if (key.isEmpty()) {
            return true;
        }
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        byte[] given = header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        return MessageDigest.isEqual(given, key.get());
    }

    private void execute(ServerRequest req, ServerResponse res) throws IOException {
        ExecuteRequest r = ControllerLink.JSON.readValue(body(req), ExecuteRequest.class);
        if (r.executionId() == null || r.task() == null || r.callbackUrl() == null) {
            json(
                    res,
                    Status.create(422, "Unprocessable Entity"),
                    Map.of("error", "execution_id, task and callback_url are required"));
            return;
        }
        boolean started = runner.start(r);
        json(res, Status.OK_200, new ExecuteAck(started, started ? null : "execution is already running here"));
    }

    private void cancel(ServerRequest req, ServerResponse res) throws IOException {
        CancelRequest r = ControllerLink.JSON.readValue(body(req), CancelRequest.class);
        boolean cancelled = r.executionId() != null && host.cancel(r.executionId());
        json(res, Status.OK_200, new CancelAck(cancelled, cancelled ? null : "not running"));
    }

    private static byte[] body(ServerRequest req) throws IOException {
        try (InputStream in = req.content().inputStream()) {
            return in.readNBytes(MAX_BODY);
        }
    }

    private static void json(ServerResponse res, Status status, Object body) throws IOException {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(ControllerLink.JSON.writeValueAsBytes(body));
    }
}
