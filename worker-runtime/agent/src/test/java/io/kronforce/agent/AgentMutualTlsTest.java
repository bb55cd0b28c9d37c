package io.kronforce.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.helidon.webserver.WebServer;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.tls.TestCertificates;
import io.kronforce.worker.tls.TlsContexts;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's side of mutual TLS (docs/SECURITY.md#agents-and-mutual-tls): with
 * KRONFORCE_TLS_CLIENT_CA the controller must present a certificate from those CAs on the pushed
 * routes, while {@code /health} answers probes without one; and the agent's certificate is reloaded
 * from its files without a restart.
 */
class AgentMutualTlsTest {
    private static final String KEY = "kf_agent-mtls-key";

    @TempDir
    Path dir;

    private TestCertificates controllersCa;
    private Path cert;
    private Path key;
    private TaskHost host;
    private WebServer agent;
    private AgentSettings settings;

    @BeforeEach
    void start() throws IOException {
        TestCertificates agentCert = TestCertificates.ec(dir, "agent");
        cert = Files.copy(agentCert.cert(), dir.resolve("tls-cert.pem"));
        key = Files.copy(agentCert.key(), dir.resolve("tls-key.pem"));
        controllersCa = TestCertificates.authority(dir, "controllers-ca");
        settings = AgentSettings.fromEnv(Map.of(
                "KRONFORCE_AGENT_KEY", KEY,
                "KRONFORCE_TLS_CERT", cert.toString(),
                "KRONFORCE_TLS_KEY", key.toString(),
                "KRONFORCE_TLS_CLIENT_CA", controllersCa.cert().toString()));
        host = new TaskHost(
                HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))),
                InstantSource.system(),
                TaskHost.DEFAULT_OUTPUT_CAP_BYTES);
        ControllerLink link = new ControllerLink(URI.create("http://127.0.0.1:9"), settings.key(), Optional.empty());
        Runner runner = new Runner(host, link, () -> "mtls-agent", Duration.ofMillis(50));
        agent = new AgentServer(settings.key(), runner, host, () -> {}).start("127.0.0.1", 0, settings.serverTls());
    }

    @AfterEach
    void stop() {
        agent.stop();
        host.close();
    }

    @Test
    void aControllerWithoutACertificateIsRefusedAndOneFromTheCaGetsThrough() throws Exception {
        SSLContext anonymous = TlsContexts.client(Optional.of(cert));
        assertEquals(403, post(anonymous, "/execute").statusCode());
        assertEquals(403, post(anonymous, "/shutdown").statusCode());
        try (HttpClient probe = HttpClient.newBuilder().sslContext(anonymous).build()) {
            assertEquals(
                    200,
                    probe.send(
                                    HttpRequest.newBuilder(URI.create("https://localhost:" + agent.port() + "/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
        TestCertificates controller = TestCertificates.signedBy(dir, "controller", controllersCa);
        SSLContext mutual = TlsContexts.client(
                Optional.of(cert), Optional.of(new TlsContexts.Identity(controller.cert(), controller.key())));
        // Past the certificate and the key: the empty body is what is refused now.
        assertEquals(422, post(mutual, "/execute").statusCode());
    }

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates renewed = TestCertificates.ec(Files.createDirectories(dir.resolve("renewed")), "agent");
        SSLContext trustsRenewed = TlsContexts.client(Optional.of(renewed.cert()));
        try (TlsReload reload = new TlsReload(agent, settings.serverTls().orElseThrow(), Duration.ofMillis(200))) {
            replace(renewed.key(), key);
            replace(renewed.cert(), cert);
            BigInteger serial = ((X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                            .generateCertificate(Files.newInputStream(renewed.cert())))
                    .getSerialNumber();
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> served(trustsRenewed).equals(serial));
        }
    }

    private BigInteger served(SSLContext trust) {
        try {
            HttpResponse<String> r = post(trust, "/execute");
            return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        } catch (Exception notYet) { // still the old certificate, which this client does not trust
            return BigInteger.ZERO;
        }
    }

    private static void replace(Path from, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private HttpResponse<String> post(SSLContext trust, String path) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newBuilder().sslContext(trust).build()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + agent.port() + path))
                            .header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
