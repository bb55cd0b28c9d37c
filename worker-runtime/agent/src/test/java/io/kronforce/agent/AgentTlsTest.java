package io.kronforce.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.helidon.webserver.WebServer;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.tls.TestCertificates;
import io.kronforce.worker.tls.TlsContexts;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions over TLS, from the agent's settings as an operator sets them: the agent serves
 * https from KRONFORCE_TLS_CERT/KEY, and posts the result to an https callback server (standing in
 * for the controller) whose self-signed certificate it trusts through KRONFORCE_CONTROLLER_CA.
 */
class AgentTlsTest {
    private static final String KEY = "kf_agent-tls-key";

    @TempDir
    Path dir;

    private final List<JsonNode> results = new CopyOnWriteArrayList<>();
    private TestCertificates agentCert;
    private HttpsServer controller;
    private TaskHost host;
    private WebServer agent;

    @BeforeEach
    void start() throws Exception {
        agentCert = TestCertificates.ec(dir, "agent");
        TestCertificates controllerCert = TestCertificates.ec(dir, "controller");
        controller = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        controller.setHttpsConfigurator(
                new HttpsConfigurator(TlsContexts.server(controllerCert.cert(), controllerCert.key())));
        controller.createContext("/cb", exchange -> {
            results.add(ControllerLink.JSON.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        controller.start();
        AgentSettings s = AgentSettings.fromEnv(Map.of(
                "KRONFORCE_CONTROLLER_URL",
                "https://localhost:" + controller.getAddress().getPort(),
                "KRONFORCE_AGENT_KEY",
                KEY,
                "KRONFORCE_TLS_CERT",
                agentCert.cert().toString(),
                "KRONFORCE_TLS_KEY",
                agentCert.key().toString(),
                "KRONFORCE_CONTROLLER_CA",
                controllerCert.cert().toString()));
        host = new TaskHost(
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        ControllerLink link = new ControllerLink(s.controllerUrl(), s.key(), Optional.of(s.controllerTrust()));
        Runner runner = new Runner(host, link, () -> "tls-agent", Duration.ofMillis(50));
        agent = new AgentServer(s.key(), runner, host, () -> {}).start("127.0.0.1", 0, s.serverTls());
    }

    @AfterEach
    void stop() {
        agent.stop();
        host.close();
        controller.stop(0);
    }

    @Test
    void aRunPushedOverHttpsReportsBackOverHttps() throws Exception {
        String body = "{\"execution_id\":\"e-tls\",\"job_id\":\"j\",\"task\":{\"type\":\"shell\",\"command\":"
                + "\"echo over-tls\"},\"callback_url\":\"https://localhost:"
                + controller.getAddress().getPort()
                + "/cb\"}";
        HttpResponse<String> r = send(TlsContexts.client(Optional.of(agentCert.cert())), "/execute", body);
        assertEquals(200, r.statusCode(), r.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> results.size() == 1);
        assertEquals("succeeded", results.getFirst().path("status").asText());
        assertEquals("over-tls\n", results.getFirst().path("stdout").asText());
    }

    @Test
    void aClientThatDoesNotTrustTheAgentCertificateIsRefused() {
        assertThrows(SSLHandshakeException.class, () -> send(TlsContexts.client(Optional.empty()), "/execute", "{}"));
    }

    private HttpResponse<String> send(SSLContext trust, String path, String body) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().sslContext(trust).build()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + agent.port() + path))
                            .header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
