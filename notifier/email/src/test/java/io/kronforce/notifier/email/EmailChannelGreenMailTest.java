package io.kronforce.notifier.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.testkit.SampleNotifications;
import io.kronforce.notifier.testkit.TestChannels;
import io.kronforce.task.EgressPolicy;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain SMTP with login, and SMTPS, against GreenMail on 127.0.0.1. */
class EmailChannelGreenMailTest {

    private static final String TO = "oncall@example.com";

    @TempDir
    static Path dir;

    private static TestCertificate certificate;

    private GreenMail greenMail;
    private Channel<EmailDestination> channel;

    @BeforeAll
    static void serverCertificate() throws Exception {
        certificate = TestCertificate.create(dir);
        // GreenMail's SMTPS reads its keystore from these; its bundled one names no host.
        System.setProperty("greenmail.tls.keystore.file", certificate.keystore.toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificate.PASSWORD);
        System.setProperty("greenmail.tls.key.password", TestCertificate.PASSWORD);
    }

    @AfterAll
    static void clearProperties() {
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup[] {
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS).dynamicPort()
        });
        greenMail.withConfiguration(GreenMailConfiguration.aConfig().withUser("kron@example.com", "kron", "pa55word"));
        greenMail.start();
        channel = TestChannels.load("email", EmailDestination.class, TestChannels.loopback(Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private EmailDestination plain(String password) {
        return new EmailDestination(
                "127.0.0.1",
                greenMail.getSmtp().getPort(),
                "kron",
                password,
                "Kronforce <kron@example.com>",
                false,
                null,
                null);
    }

    @Test
    void plainSmtpWithLoginSendsTextAndHtmlParts() throws Exception {
        Notification n = SampleNotifications.failure();
        Delivery d = channel.deliver(plain("pa55word"), n, TO);
        assertInstanceOf(Delivery.Delivered.class, d, d::toString);

        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
        MimeMessage message = greenMail.getReceivedMessages()[0];
        assertEquals(n.subject(), message.getSubject());
        assertEquals(TO, message.getAllRecipients()[0].toString());
        assertEquals(n.dedupKey(), message.getHeader(MailContent.DEDUP_HEADER)[0]);
        MimeMultipart parts = (MimeMultipart) message.getContent();
        assertTrue(parts.getContentType().startsWith("multipart/alternative"), parts.getContentType());
        assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
        String text = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n"); // SMTP sends CRLF
        assertTrue(text.startsWith(n.body()) && text.contains("Permission denied"), text);
        assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
        assertTrue(((String) parts.getBodyPart(1).getContent()).contains("<pre>tar: /data: Cannot open"));
    }

    @Test
    void aRefusedLoginIsUndeliverableAndNeverQuotesThePassword() throws Exception {
        Delivery d = channel.deliver(plain("wrong-pa55"), SampleNotifications.failure(), TO);
        String reason = assertInstanceOf(Delivery.Undeliverable.class, d).reason();
        assertTrue(reason.contains("refused the login"), reason);
        assertFalse(reason.contains("wrong-pa55"), reason);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void smtpsVerifiesTheRelayAgainstTheConfiguredCa() throws Exception {
        var smtps = new EmailDestination(
                "127.0.0.1",
                greenMail.getSmtps().getPort(),
                "kron",
                "pa55word",
                "kron@example.com",
                null,
                "smtps",
                certificate.pem);
        Delivery d = channel.deliver(smtps, SampleNotifications.failure(), TO);
        assertInstanceOf(Delivery.Delivered.class, d, d::toString);
        assertTrue(greenMail.waitForIncomingEmail(5_000, 1));
    }

    @Test
    void smtpsRefusesARelayItCannotVerify() throws Exception {
        var untrusted = new EmailDestination(
                "127.0.0.1",
                greenMail.getSmtps().getPort(),
                "kron",
                "pa55word",
                "kron@example.com",
                null,
                "smtps",
                null);
        Delivery d = channel.deliver(untrusted, SampleNotifications.failure(), TO);
        assertTrue(assertInstanceOf(Delivery.Undeliverable.class, d).reason().contains("TLS"), d::toString);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void startTlsIsRequiredNotOpportunistic() throws Exception {
        // GreenMail's SMTP offers no STARTTLS: a destination asking for it must not fall back to clear text.
        var startTls = new EmailDestination(
                "127.0.0.1",
                greenMail.getSmtp().getPort(),
                "kron",
                "pa55word",
                "kron@example.com",
                true,
                null,
                certificate.pem);
        Delivery d = channel.deliver(startTls, SampleNotifications.failure(), TO);
        String reason =
                assertInstanceOf(Delivery.Undeliverable.class, d, d::toString).reason();
        assertTrue(reason.contains("STARTTLS"), reason);
        assertEquals(0, greenMail.getReceivedMessages().length);
    }

    @Test
    void privateRelaysNeedTheEgressAllowList() throws Exception {
        Channel<EmailDestination> strict = TestChannels.load(
                "email",
                EmailDestination.class,
                new ChannelSettings(EgressPolicy.publicOnly(), Duration.ofSeconds(2), Clock.systemUTC()));
        Delivery d = strict.deliver(plain("pa55word"), SampleNotifications.failure(), TO);
        assertTrue(assertInstanceOf(Delivery.Undeliverable.class, d).reason().contains("egress"), d::toString);
    }

    @Test
    void anUnreachableRelayIsRetriedLater() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var down = new EmailDestination("127.0.0.1", closed, null, null, "kron@example.com", false, null, null);
        assertInstanceOf(Delivery.RetryLater.class, channel.deliver(down, SampleNotifications.failure(), TO));
    }

    @Test
    void checkNamesEachProblemAndToStringHidesThePassword() {
        var bad = new EmailDestination(" ", 70000, "kron", "pa55word", "not an address", null, "ssl", "junk");
        assertEquals(5, channel.check(bad).size(), () -> channel.check(bad).toString());
        assertFalse(bad.toString().contains("pa55word"));
        assertTrue(channel.check(plain("x")).isEmpty());
    }
}
