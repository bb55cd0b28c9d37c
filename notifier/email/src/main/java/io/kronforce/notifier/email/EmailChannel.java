package io.kronforce.notifier.email;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.ConfigChecks;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * E-mail through an SMTP relay: one connection and one message per recipient, as upstream
 * sends, so one bad address does not sink the others and each can be retried alone.
 */
public final class EmailChannel implements Channel<EmailDestination> {

    private final ChannelSettings settings;

    EmailChannel(ChannelSettings settings) {
        this.settings = settings;
    }

    /** ServiceLoader entry for {@code email}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new EmailChannel(settings);
        }
    }

    @Override
    public String type() {
        return "email";
    }

    @Override
    public Class<EmailDestination> configType() {
        return EmailDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("password");
    }

    @Override
    public RecipientKind recipients() {
        return RecipientKind.EMAIL;
    }

    @Override
    public List<ConfigViolation> check(EmailDestination d) {
        boolean portOk = d.smtp_port() == null || (d.smtp_port() > 0 && d.smtp_port() < 65536);
        return new ConfigChecks()
                .required("/smtp_host", d.smtp_host())
                .required("/from", d.from())
                .require(d.from() == null || validAddress(d.from()), "/from", "from is not a valid e-mail address")
                .require(portOk, "/smtp_port", "smtp_port must be between 1 and 65535")
                .require(d.mode() != null, "/security", "security must be none, starttls or smtps")
                .require(
                        d.ca_certificate() == null || readablePem(d.ca_certificate()),
                        "/ca_certificate",
                        "ca_certificate must hold PEM certificates")
                .problems();
    }

    @Override
    public Delivery deliver(EmailDestination d, Notification n, String to) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("delivery abandoned");
        }
        if (to == null || to.isBlank()) {
            return new Delivery.Undeliverable("no e-mail address to send to");
        }
        if (d.mode() == null) {
            return new Delivery.Undeliverable("unknown security mode '" + d.security() + "'");
        }
        String relay = d.smtp_host() + ":" + d.port();
        try {
            settings.egress().checkHost(d.smtp_host());
            Session session = SmtpSession.open(d, settings.timeout());
            MimeMessage message = MailContent.build(session, d.from(), to, n);
            send(session, d, message);
            return new Delivery.Delivered(relay + " accepted the message for " + to);
        } catch (EgressDeniedException e) {
            return new Delivery.Undeliverable("refused by egress policy: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            return new Delivery.Undeliverable("ca_certificate is not usable: " + e.getMessage());
        } catch (MessagingException e) {
            return SmtpFailures.classify(e, relay, d.password(), d.username());
        }
    }

    private static void send(Session session, EmailDestination d, MimeMessage message) throws MessagingException {
        try (Transport transport = session.getTransport(SmtpSession.protocol(d))) {
            boolean login = d.username() != null && !d.username().isEmpty();
            transport.connect(d.smtp_host(), d.port(), login ? d.username() : null, login ? d.password() : null);
            transport.sendMessage(message, message.getAllRecipients());
        }
    }

    private static boolean validAddress(String address) {
        try {
            new InternetAddress(address, true);
            return true;
        } catch (MessagingException e) {
            return false;
        }
    }

    private static boolean readablePem(String pem) {
        try {
            RelayTrust.trusting(pem);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
