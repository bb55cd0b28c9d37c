package io.kronforce.notifier;

import java.net.URI;

/**
 * Masks secrets before they reach a log line, an exception or a {@code toString}. Webhook URLs
 * count as secrets: Slack, Teams and Discord put the credential in the path, Teams Workflows in
 * the query ({@code sig=}).
 */
public final class Secrets {

    /** What every masked value is replaced by (the controller masks settings the same way). */
    public static final String MASK = "••••••••";

    private Secrets() {}

    /** Scheme and host only, e.g. {@code https://hooks.slack.com/••••••••}; the mask alone when unparseable. */
    public static String maskUrl(String url) {
        if (url == null) {
            return "null";
        }
        try {
            URI uri = URI.create(url.trim());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return MASK;
            }
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            return uri.getScheme() + "://" + uri.getHost() + port + "/" + MASK;
        } catch (IllegalArgumentException e) {
            return MASK;
        }
    }

    /** The mask for a present secret, {@code null} for an absent one (so toString still tells which is set). */
    public static String mask(String secret) {
        return secret == null || secret.isEmpty() ? null : MASK;
    }

    /** {@code text} with every occurrence of each secret replaced by the mask; for third-party exception messages. */
    public static String scrub(String text, String... secrets) {
        if (text == null) {
            return "";
        }
        String clean = text;
        for (String secret : secrets) {
            if (secret != null && secret.length() >= 4) {
                clean = clean.replace(secret, MASK);
            }
        }
        return clean;
    }
}
