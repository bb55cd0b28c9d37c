package io.kronforce.controller.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.main.ControllerSettings;
import io.kronforce.controller.testing.Api;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.worker.tls.TestCertificates;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole controller serving https on 127.0.0.1 port 0 from PEM files (docs/reference/security.md#tls, decision
 * 0050): a client that trusts the certificate gets the API, one that does not is refused at the handshake,
 * and a half-configured start is refused naming the missing variable.
 */
class TlsControllerTest {
    @TempDir
    Path dir;

    @Test
    void servesTheApiOverHttpsToAClientThatTrustsTheCertificate() {
        TestCertificates cert = TestCertificates.ec(dir, "controller");
        try (TestController tc = TestController.start(
                dir,
                Map.of(
                        "KRONFORCE_TLS_CERT",
                        cert.cert().toString(),
                        "KRONFORCE_TLS_KEY",
                        cert.key().toString()))) {
            assertEquals("https", tc.uri("/").getScheme());
            TestController.Response r = tc.get("/api/jobs", Role.VIEWER);
            assertEquals(200, r.status(), r::toString);
            String job = Api.createJob(tc, Jobs.shell("over-tls", "echo secure"));
            JsonNode row = Api.awaitTerminal(tc, Api.trigger(tc, job), Duration.ofSeconds(30));
            assertEquals("succeeded", row.path("status").asText(), row::toString);
        }
    }

    @Test
    void aClientWithoutTheCaIsRefusedAndPlainHttpGetsNoApi() throws Exception {
        TestCertificates cert = TestCertificates.ec(dir, "controller");
        try (TestController tc = TestController.start(
                        dir,
                        Map.of(
                                "KRONFORCE_TLS_CERT",
                                cert.cert().toString(),
                                "KRONFORCE_TLS_KEY",
                                cert.key().toString()));
                HttpClient defaults = HttpClient.newHttpClient()) {
            URI https = tc.uri("/api/health");
            assertThrows(
                    SSLHandshakeException.class,
                    () -> defaults.send(HttpRequest.newBuilder(https).build(), HttpResponse.BodyHandlers.ofString()));
            URI http = URI.create("http://127.0.0.1:" + tc.port() + "/api/health");
            boolean answeredInClear;
            try {
                answeredInClear =
                        defaults.send(HttpRequest.newBuilder(http).build(), HttpResponse.BodyHandlers.ofString())
                                        .statusCode()
                                == 200;
            } catch (IOException refused) {
                answeredInClear = false;
            }
            assertFalse(answeredInClear, "the https port must not answer plain http");
        }
    }

    @Test
    void withoutTlsVariablesTheControllerSpeaksPlainHttp() {
        try (TestController tc = TestController.start(dir)) {
            assertEquals("http", tc.uri("/").getScheme());
            assertEquals(200, tc.get("/api/jobs", Role.VIEWER).status());
        }
    }

    @Test
    void onlyTheCertificateSetRefusesToStartNamingTheKeyVariable() {
        TestCertificates cert = TestCertificates.ec(dir, "controller");
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(
                        Map.of("KRONFORCE_TLS_CERT", cert.cert().toString())));
        assertTrue(e.getMessage().startsWith("KRONFORCE_TLS_KEY is not set but KRONFORCE_TLS_CERT is"), e.getMessage());
    }

    @Test
    void anAgentCaFileThatCannotBeReadRefusesToStartNamingIt() {
        var e = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(
                        Map.of("KRONFORCE_AGENT_CA", dir.resolve("missing.pem").toString())));
        assertTrue(e.getMessage().startsWith("KRONFORCE_AGENT_CA: cannot read"), e.getMessage());
    }
}
