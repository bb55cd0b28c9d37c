package io.kronforce.notifier.email;

import io.kronforce.notifier.Link;
import io.kronforce.notifier.Notification;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Date;

/**
 * Renders a notification as a {@code multipart/alternative} message: the plain-text part is
 * upstream's body (plus the output excerpt and links), the HTML part shows the same with the
 * output in a {@code <pre>} block. Every value is HTML-escaped: job output is untrusted.
 */
final class MailContent {

    /** Lets a receiving system thread or deduplicate by condition, as PagerDuty does with its key. */
    static final String DEDUP_HEADER = "X-Kronforce-Dedup-Key";

    private MailContent() {}

    static MimeMessage build(Session session, String from, String to, Notification n) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(to, true));
        message.setSubject(n.subject(), "UTF-8");
        message.setSentDate(Date.from(n.occurredAt()));
        message.setHeader(DEDUP_HEADER, n.dedupKey());
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plain(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n), "UTF-8", "html");
        // Simplest first: mail readers show the last alternative they understand.
        message.setContent(new MimeMultipart("alternative", text, html));
        return message;
    }

    static String plain(Notification n) {
        StringBuilder out = new StringBuilder(n.body());
        if (n.outputExcerpt() != null && !n.outputExcerpt().isBlank()) {
            out.append("\n\nOutput:\n").append(n.outputExcerpt());
        }
        for (Link link : n.links()) {
            out.append("\n\n").append(link.text()).append(": ").append(link.href());
        }
        return out.append('\n').toString();
    }

    static String html(Notification n) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html><html><body>");
        out.append("<h2>").append(escape(n.subject())).append("</h2>");
        out.append("<p>").append(escape(n.body()).replace("\n", "<br>")).append("</p>");
        if (n.outputExcerpt() != null && !n.outputExcerpt().isBlank()) {
            out.append("<h3>Output</h3><pre>").append(escape(n.outputExcerpt())).append("</pre>");
        }
        for (Link link : n.links()) {
            out.append("<p><a href=\"")
                    .append(escape(link.href().toString()))
                    .append("\">")
                    .append(escape(link.text()))
                    .append("</a></p>");
        }
        return out.append("</body></html>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
