package io.kronforce.controller.agents;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.worker.tls.TestCertificates;
import io.kronforce.worker.tls.TlsContexts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS on the agent protocol (docs/SECURITY.md#agents-and-mutual-tls): the controller asks for
 * client certificates from KRONFORCE_TLS_CLIENT_CA and refuses the agent routes to a connection
 * without one, while a browser without a certificate still reaches the API; the agent asks the
 * controller for one likewise when it pushes work.
 */
class MutualTlsAgentIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    TestCertificates controllerCert;
    TestCertificates agentsCa;
    TestCertificates agentCert;
    TestController tc;
    ChildAgent agent;

    @BeforeEach
    void start() {
        controllerCert = TestCertificates.ec(dir, "controller");
        agentsCa = TestCertificates.authority(dir, "agents-ca");
        agentCert = TestCertificates.signedBy(dir, "agent", agentsCa);
        tc = TestController.start(
                dir,
                Map.of(
                        "KRONFORCE_TLS_CERT", controllerCert.cert().toString(),
                        "KRONFORCE_TLS_KEY", controllerCert.key().toString(),
                        "KRONFORCE_TLS_CLIENT_CA", agentsCa.cert().toString(),
                        "KRONFORCE_AGENT_CA", agentsCa.cert().toString()));
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        tc.close();
    }

    @Test
    void anAgentWithACertificateFromTheCaRegistersAndRunsPushedWorkBothWaysMutual() throws Exception {
        // The agent's server identity doubles as its client certificate, and it asks the controller
        // for one from the controller's own (self-signed) certificate.
        agent = ChildAgent.start(
                dir,
                "https://localhost:" + tc.port(),
                tc.key(Role.AGENT),
                "mtls-agent",
                "mtls",
                Map.of(
                        "KRONFORCE_TLS_CERT", agentCert.cert().toString(),
                        "KRONFORCE_TLS_KEY", agentCert.key().toString(),
                        "KRONFORCE_TLS_CLIENT_CA", controllerCert.cert().toString(),
                        "KRONFORCE_CONTROLLER_CA", controllerCert.cert().toString()));
        await().atMost(WAIT)
                .until(() ->
                        tc.read("/api/agents").size() == 1 || !agent.process().isAlive());
        assertTrue(agent.process().isAlive(), agent::log);
        String agentId = tc.read("/api/agents").path(0).path("id").asText();
        String job = Api.createJob(
                tc,
                Jobs.shell("on-mtls-agent", "echo mutual")
                        .with(
                                "target",
                                TestController.JSON
                                        .createObjectNode()
                                        .put("type", "agent")
                                        .put("agent_id", agentId)));
        JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, job), WAIT);
        assertEquals("succeeded", row.path("status").asText(), () -> row + "\n" + agent.log());
        assertTrue(row.path("stdout").asText().contains("mutual"), row::toString);
    }

    @Test
    void anAgentWithoutACertificateIsRefusedOnTheAgentRoutesButTheApiStaysOpen() throws Exception {
        int status = register(TlsContexts.client(Optional.of(controllerCert.cert())));
        assertEquals(403, status);
        try (HttpClient browser = HttpClient.newBuilder()
                .sslContext(TlsContexts.client(Optional.of(controllerCert.cert())))
                .build()) {
            HttpResponse<String> health = browser.send(
                    HttpRequest.newBuilder(tc.uri("/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health::body);
        }
        assertEquals(0, tc.read("/api/agents").size());
    }

    @Test
    void anAgentWhoseCertificateAnotherCaSignedIsRefused() throws Exception {
        TestCertificates otherCa = TestCertificates.authority(dir, "other-ca");
        TestCertificates stranger = TestCertificates.signedBy(dir, "stranger", otherCa);
        boolean refused;
        try {
            // The JDK client offers no certificate the server's CA list does not name (403), and a
            // certificate it does offer that fails the chain check ends the handshake.
            refused = register(TlsContexts.client(
                            Optional.of(controllerCert.cert()),
                            Optional.of(new TlsContexts.Identity(stranger.cert(), stranger.key()))))
                    == 403;
        } catch (IOException handshake) {
            refused = true;
        }
        assertTrue(refused);
        assertEquals(0, tc.read("/api/agents").size());
    }

    @Test
    void aClientWithACertificateFromTheCaAndTheAgentKeyRegistersWhateverAddressItNames() throws Exception {
        // A client certificate is checked against the CAs, not against the address the connection
        // comes from: this one names a host that is not 127.0.0.1.
        TestCertificates elsewhere = TestCertificates.signedBy(dir, "elsewhere", agentsCa, "dns:agent1.example");
        int status = register(TlsContexts.client(
                Optional.of(controllerCert.cert()),
                Optional.of(new TlsContexts.Identity(elsewhere.cert(), elsewhere.key()))));
        assertEquals(200, status);
        assertEquals(1, tc.read("/api/agents").size());
    }

    private int register(SSLContext tls) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(tls).build()) {
            String body = "{\"name\":\"probe\",\"tags\":[],\"hostname\":\"h\",\"address\":\"127.0.0.1\",\"port\":9,"
                    + "\"agent_type\":\"standard\"}";
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + tc.port() + "/api/agents/register"))
                            .header("Authorization", "Bearer " + tc.key(Role.AGENT))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode();
        }
    }
}
