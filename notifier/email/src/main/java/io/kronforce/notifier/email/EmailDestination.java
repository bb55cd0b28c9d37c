package io.kronforce.notifier.email;

import io.kronforce.notifier.Secrets;
import java.util.Locale;

/**
 * An SMTP relay. The first seven components are upstream's {@code notification_email} keys.
 *
 * @param smtp_host the relay's host name
 * @param smtp_port its port; defaults by {@link #security()}: 25, 587 (STARTTLS), 465 (SMTPS)
 * @param username login, when the relay wants one
 * @param password login password; a secret
 * @param from the sender address, e.g. {@code Kronforce <kronforce@example.com>}
 * @param tls upstream's switch: {@code true} (and absent) means STARTTLS, {@code false} plain SMTP
 * @param security overrides {@code tls}: {@code none}, {@code starttls} or {@code smtps}
 * @param ca_certificate PEM certificate(s) to trust for this relay instead of the JDK's CAs,
 *     for a private relay with its own CA; the host name is still verified
 */
public record EmailDestination(
        String smtp_host,
        Integer smtp_port,
        String username,
        String password,
        String from,
        Boolean tls,
        String security,
        String ca_certificate) {

    /** How the connection is secured. */
    enum Security {
        NONE,
        STARTTLS,
        SMTPS
    }

    /** The effective mode; {@code null} when {@code security} names none of the three. */
    Security mode() {
        if (security == null || security.isBlank()) {
            return Boolean.FALSE.equals(tls) ? Security.NONE : Security.STARTTLS;
        }
        return switch (security.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> Security.NONE;
            case "starttls" -> Security.STARTTLS;
            case "smtps" -> Security.SMTPS;
            default -> null;
        };
    }

    /** The effective port. */
    int port() {
        if (smtp_port != null) {
            return smtp_port;
        }
        return switch (mode()) {
            case SMTPS -> 465;
            case STARTTLS -> 587;
            case NONE -> 25;
            case null -> 25;
        };
    }

    @Override
    public String toString() {
        return "EmailDestination[smtp_host=" + smtp_host + ", smtp_port=" + smtp_port + ", username=" + username
                + ", password=" + Secrets.mask(password) + ", from=" + from + ", tls=" + tls + ", security=" + security
                + ", ca_certificate=" + (ca_certificate == null ? null : "(PEM)") + "]";
    }
}
