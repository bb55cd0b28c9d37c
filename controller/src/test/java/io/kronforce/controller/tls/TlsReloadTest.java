package io.kronforce.controller.tls;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.main.ControllerSettings;
import io.kronforce.controller.testing.TestController;
import io.kronforce.worker.tls.TestCertificates;
import java.io.IOException;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate reload without a restart (docs/reference/security.md#tls): the controller looks at its
 * PEM files every KRONFORCE_TLS_RELOAD_SECS; a renewed pair is served on the next new connection,
 * a broken file is logged and the current certificate kept. Bad TLS settings stop the start naming
 * the variable.
 */
class TlsReloadTest {
    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateIsServedOnNewConnectionsAndABrokenFileKeepsIt() throws Exception {
        TestCertificates first = TestCertificates.ec(dir.resolve(mkdir("first")), "controller");
        TestCertificates second = TestCertificates.ec(dir.resolve(mkdir("second")), "controller");
        Path cert = Files.copy(first.cert(), dir.resolve("tls-cert.pem"));
        Path key = Files.copy(first.key(), dir.resolve("tls-key.pem"));
        SSLContext trustsBoth = trusting(first.cert(), second.cert());
        try (TestController tc = TestController.start(
                dir,
                Map.of(
                        "KRONFORCE_TLS_CERT", cert.toString(),
                        "KRONFORCE_TLS_KEY", key.toString(),
                        "KRONFORCE_TLS_RELOAD_SECS", "1"))) {
            BigInteger firstSerial = leaf(first.cert()).getSerialNumber();
            BigInteger secondSerial = leaf(second.cert()).getSerialNumber();
            assertEquals(firstSerial, served(tc, trustsBoth));

            replace(second.key(), key); // key first: a moment of mismatch must be ridden out, not served
            replace(second.cert(), cert);
            await().atMost(Duration.ofSeconds(20)).until(() -> secondSerial.equals(served(tc, trustsBoth)));

            Files.writeString(dir.resolve("broken.pem"), "-----BEGIN CERTIFICATE-----\nnot base64!\n");
            replace(dir.resolve("broken.pem"), cert);
            Thread.sleep(2500); // more than two reload periods
            assertEquals(secondSerial, served(tc, trustsBoth));
        }
    }

    @Test
    void badTlsSettingsStopTheStartNamingTheVariable() {
        TestCertificates c = TestCertificates.ec(dir, "controller");
        var clientCaAlone = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(
                        Map.of("KRONFORCE_TLS_CLIENT_CA", c.cert().toString())));
        assertTrue(
                clientCaAlone.getMessage().startsWith("KRONFORCE_TLS_CLIENT_CA is set but"), clientCaAlone::getMessage);
        var clientCertAlone = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(
                        Map.of("KRONFORCE_TLS_CLIENT_CERT", c.cert().toString())));
        assertTrue(
                clientCertAlone
                        .getMessage()
                        .startsWith("KRONFORCE_TLS_CLIENT_KEY is not set but KRONFORCE_TLS_CLIENT_CERT"),
                clientCertAlone::getMessage);
        var unreadableCa = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(Map.of(
                        "KRONFORCE_TLS_CERT", c.cert().toString(),
                        "KRONFORCE_TLS_KEY", c.key().toString(),
                        "KRONFORCE_TLS_CLIENT_CA", dir.resolve("missing.pem").toString())));
        assertTrue(
                unreadableCa.getMessage().startsWith("KRONFORCE_TLS_CLIENT_CA: cannot read"), unreadableCa::getMessage);
        var period = assertThrows(
                ControllerSettings.InvalidSetting.class,
                () -> ControllerSettings.fromEnv(Map.of("KRONFORCE_TLS_RELOAD_SECS", "soon")));
        assertTrue(period.getMessage().startsWith("KRONFORCE_TLS_RELOAD_SECS must be"), period::getMessage);
    }

    private String mkdir(String name) throws IOException {
        Files.createDirectories(dir.resolve(name));
        return name;
    }

    /** Writes beside the target and renames over it, as certbot and Kubernetes do. */
    private static void replace(Path from, Path target) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".new");
        Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The serial of the certificate a fresh connection is served. */
    private static BigInteger served(TestController tc, SSLContext trust) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(trust).build()) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(tc.uri("/api/health")).build(), HttpResponse.BodyHandlers.ofString());
            return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private static X509Certificate leaf(Path pem) throws Exception {
        return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pem));
    }

    private static SSLContext trusting(Path... pems) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int n = 0;
        for (Path p : pems) {
            store.setCertificateEntry("c" + n++, leaf(p));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
