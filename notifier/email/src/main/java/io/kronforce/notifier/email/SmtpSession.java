package io.kronforce.notifier.email;

import jakarta.mail.Session;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Properties;

/**
 * The Jakarta Mail session for one destination. Everything is set per session (never through
 * system properties or the default session) so two relays with different trust never mix.
 */
final class SmtpSession {

    private SmtpSession() {}

    /** The transport protocol name for a mode: {@code smtps} opens TLS first, {@code smtp} otherwise. */
    static String protocol(EmailDestination d) {
        return d.mode() == EmailDestination.Security.SMTPS ? "smtps" : "smtp";
    }

    static Session open(EmailDestination d, Duration timeout) throws GeneralSecurityException {
        String p = "mail." + protocol(d) + ".";
        Properties props = new Properties();
        props.put(p + "host", d.smtp_host());
        props.put(p + "port", Integer.toString(d.port()));
        props.put(
                p + "auth",
                Boolean.toString(d.username() != null && !d.username().isEmpty()));
        String millis = Long.toString(timeout.toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        if (d.mode() == EmailDestination.Security.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            // Required, not opportunistic: a relay that drops STARTTLS must not get the password in clear.
            props.put(p + "starttls.required", "true");
        }
        if (d.mode() != EmailDestination.Security.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
            if (d.ca_certificate() != null && !d.ca_certificate().isBlank()) {
                props.put(p + "ssl.socketFactory", RelayTrust.trusting(d.ca_certificate()));
            }
        }
        return Session.getInstance(props);
    }
}
