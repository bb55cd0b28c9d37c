package io.kronforce.notifier.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;

/**
 * STARTTLS (upstream's {@code "tls": true}) against SubEthaSMTP, a real SMTP server that, unlike
 * GreenMail, speaks STARTTLS. The server requires TLS before MAIL and AUTH, so a delivery
 * proves the upgrade happened and the certificate was verified.
 */
class EmailChannelStartTlsTest {

    @TempDir
    Path dir;

    private SMTPServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private TestCertificate certificate;
    private Channel<EmailDestination> channel;

    @BeforeEach
    void start() throws Exception {
        certificate = TestCertificate.create(dir);
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("127.0.0.1")
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(certificate.serverContext())
                .authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                    if (!user.equals("kron") || !password.equals("pa55word")) {
                        throw new LoginFailedException();
                    }
                }))
                .requireAuth()
                .messageHandler((context, from, to, data) -> received.add(new String(data, StandardCharsets.UTF_8)))
                .build();
        server.start();
        channel = TestChannels.load("email", EmailDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private EmailDestination destination(Boolean tls) {
        return new EmailDestination(
                "127.0.0.1",
                server.getPortAllocated(),
                "kron",
                "pa55word",
                "kron@example.com",
                tls,
                null,
                certificate.pem);
    }

    @Test
    void upstreamTlsTrueMeansStartTls() throws Exception {
        Delivery d = channel.deliver(destination(true), SampleNotifications.failure(), "oncall@example.com");
        assertInstanceOf(Delivery.Delivered.class, d, d::toString);
        assertEquals(1, received.size());
        assertTrue(
                received.getFirst().contains("Subject: [Kronforce] Job 'nightly-backup' failed"), received::toString);
    }

    @Test
    void plainModeAgainstATlsOnlyRelayIsRefusedByTheRelay() throws Exception {
        Delivery d = channel.deliver(destination(false), SampleNotifications.failure(), "oncall@example.com");
        String reason =
                assertInstanceOf(Delivery.Undeliverable.class, d, d::toString).reason();
        assertTrue(reason.contains("530"), reason); // "Must issue a STARTTLS command first"
        assertTrue(received.isEmpty());
    }
}
