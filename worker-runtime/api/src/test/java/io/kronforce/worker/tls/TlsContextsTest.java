package io.kronforce.worker.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real handshakes on loopback: a server context from PEM files, clients with and without the CA. */
class TlsContextsTest {
    @TempDir
    Path dir;

    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aClientTrustingTheCaFileReachesAServerBuiltFromPemFiles() throws Exception {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        URI uri = serve(TlsContexts.server(ec.cert(), ec.key()));
        assertEquals("ok", get(TlsContexts.client(Optional.of(ec.cert())), uri));
    }

    @Test
    void rsaKeysServeToo() throws Exception {
        TestCertificates rsa = TestCertificates.rsa(dir, "rsa");
        URI uri = serve(TlsContexts.server(rsa.cert(), rsa.key()));
        assertEquals("ok", get(TlsContexts.client(Optional.of(rsa.cert())), uri));
    }

    @Test
    void aClientWithOnlyTheJdkDefaultsRefusesASelfSignedServer() throws Exception {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        URI uri = serve(TlsContexts.server(ec.cert(), ec.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.empty()), uri));
    }

    @Test
    void aClientTrustingAnotherCaRefusesTheServer() throws Exception {
        TestCertificates served = TestCertificates.ec(dir, "served");
        TestCertificates other = TestCertificates.ec(dir, "other");
        URI uri = serve(TlsContexts.server(served.cert(), served.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.of(other.cert())), uri));
    }

    @Test
    void theHostNameIsStillCheckedAgainstTheCertificate() throws Exception {
        TestCertificates elsewhere = TestCertificates.ec(dir, "elsewhere", "dns:elsewhere.test");
        URI uri = serve(TlsContexts.server(elsewhere.cert(), elsewhere.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.of(elsewhere.cert())), uri));
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefusedAtStart() {
        TestCertificates a = TestCertificates.ec(dir, "a");
        TestCertificates b = TestCertificates.ec(dir, "b");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsContexts.server(a.cert(), b.key()));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertTrue(e.getMessage().contains(b.key().toString()), e.getMessage());
    }

    @Test
    void anUnreadableCaFileIsNamed() {
        Path missing = dir.resolve("nope.pem");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsContexts.client(Optional.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aKeyFileGivenAsTheCertificateIsRefusedWithoutEchoingTheKey() throws IOException {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsContexts.server(ec.key(), ec.key()));
        assertTrue(e.getMessage().contains("holds no PEM certificate"), e.getMessage());
        String body = Files.readAllLines(ec.key()).get(1);
        assertFalse(e.getMessage().contains(body.substring(0, 20)));
    }

    private URI serve(SSLContext context) throws IOException {
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "ok".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return URI.create("https://localhost:" + server.getAddress().getPort() + "/");
    }

    private static String get(SSLContext trust, URI uri) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(trust).build()) {
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
