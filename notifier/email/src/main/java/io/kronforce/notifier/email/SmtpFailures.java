package io.kronforce.notifier.email;

import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Secrets;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import java.io.IOException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Sorts SMTP failures into "retry later" and "give up". The relay's reply code decides when
 * there is one (4xx transient, 5xx permanent, as RFC 5321 defines them); refused logins, bad
 * addresses and TLS failures are configuration problems and permanent; a relay that cannot be
 * reached or does not answer in time is transient.
 */
final class SmtpFailures {

    private SmtpFailures() {}

    static Delivery classify(MessagingException e, String relay, String... secrets) {
        String detail = Secrets.scrub(describe(e), secrets);
        if (e instanceof AuthenticationFailedException) {
            return new Delivery.Undeliverable(relay + " refused the login: " + detail);
        }
        if (e instanceof AddressException) {
            return new Delivery.Undeliverable("invalid address: " + detail);
        }
        int code = replyCode(e);
        if (code >= 400 && code < 500) {
            return Delivery.RetryLater.because(relay + " deferred the message: " + detail);
        }
        if (code >= 500) {
            return new Delivery.Undeliverable(relay + " rejected the message: " + detail);
        }
        if (tlsFailure(e)) {
            return new Delivery.Undeliverable("TLS with " + relay + " failed: " + detail);
        }
        return Delivery.RetryLater.because("cannot reach " + relay + ": " + detail);
    }

    /** The SMTP reply code anywhere in the exception chain, or 0. */
    private static int replyCode(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            switch (t) {
                case SMTPAddressFailedException a -> {
                    return a.getReturnCode();
                }
                case SMTPSenderFailedException s -> {
                    return s.getReturnCode();
                }
                case SMTPSendFailedException s -> {
                    return s.getReturnCode();
                }
                default -> {}
            }
        }
        return 0;
    }

    private static boolean tlsFailure(Throwable e) {
        for (Throwable t = e; t != null; t = next(t)) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            // Angus reports a host-name mismatch and a missing STARTTLS as plain messages.
            if (t instanceof SSLException || message.contains("verify identity") || message.contains("starttls")) {
                return true;
            }
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static String describe(MessagingException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()).strip());
        for (Throwable t = next(e); t != null; t = next(t)) {
            if (t instanceof IOException || t instanceof MessagingException) {
                out.append(" (")
                        .append(t.getClass().getSimpleName())
                        .append(": ")
                        .append(String.valueOf(t.getMessage()).strip())
                        .append(')');
                break;
            }
        }
        return out.toString();
    }
}
