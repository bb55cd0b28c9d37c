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
    void a_client_trusting_the_ca_file_reaches_a_server_built_from_pem_files() throws Exception {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        URI uri = serve(TlsContexts.server(ec.cert(), ec.key()));
        assertEquals("ok", get(TlsContexts.client(Optional.of(ec.cert())), uri));
    }

    @Test
    void rsa_keys_serve_too() throws Exception {
        TestCertificates rsa = TestCertificates.rsa(dir, "rsa");
        URI uri = serve(TlsContexts.server(rsa.cert(), rsa.key()));
        assertEquals("ok", get(TlsContexts.client(Optional.of(rsa.cert())), uri));
    }

    @Test
    void a_client_with_only_the_jdk_defaults_refuses_a_self_signed_server() throws Exception {
        TestCertificates ec = TestCertificates.ec(dir, "ec");
        URI uri = serve(TlsContexts.server(ec.cert(), ec.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.empty()), uri));
    }

    @Test
    void a_client_trusting_another_ca_refuses_the_server() throws Exception {
        TestCertificates served = TestCertificates.ec(dir, "served");
        TestCertificates other = TestCertificates.ec(dir, "other");
        URI uri = serve(TlsContexts.server(served.cert(), served.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.of(other.cert())), uri));
    }

    @Test
    void the_host_name_is_still_checked_against_the_certificate() throws Exception {
        TestCertificates elsewhere = TestCertificates.ec(dir, "elsewhere", "dns:elsewhere.test");
        URI uri = serve(TlsContexts.server(elsewhere.cert(), elsewhere.key()));
        assertThrows(SSLHandshakeException.class, () -> get(TlsContexts.client(Optional.of(elsewhere.cert())), uri));
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused_at_start() {
        TestCertificates a = TestCertificates.ec(dir, "a");
        TestCertificates b = TestCertificates.ec(dir, "b");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsContexts.server(a.cert(), b.key()));
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        assertTrue(e.getMessage().contains(b.key().toString()), e.getMessage());
    }

    @Test
    void an_unreadable_ca_file_is_named() {
        Path missing = dir.resolve("nope.pem");
        TlsSetupException e = assertThrows(TlsSetupException.class, () -> TlsContexts.client(Optional.of(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void a_key_file_given_as_the_certificate_is_refused_without_echoing_the_key() throws IOException {
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
            return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
