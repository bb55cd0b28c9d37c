package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Notification;
import io.kronforce.notifier.Severity;

/**
 * Upstream's colours: green for a success, orange for a timeout or warning, red otherwise.
 * Upstream looked for words in the subject; we read the status and severity instead.
 */
enum Colour {
    GREEN(0x2ECC71, "Good"),
    ORANGE(0xF39C12, "Warning"),
    RED(0xE74C3C, "Attention");

    final int rgb;
    /** The Adaptive Card TextBlock colour name. */
    final String adaptive;

    Colour(int rgb, String adaptive) {
        this.rgb = rgb;
        this.adaptive = adaptive;
    }

    static Colour of(Notification n) {
        if (n.kind().resolves() || "succeeded".equals(n.status()) || n.severity() == Severity.INFO) {
            return GREEN;
        }
        if ("timed_out".equals(n.status()) || n.severity() == Severity.WARNING) {
            return ORANGE;
        }
        return RED;
    }

    /** Six hex digits without '#', as MessageCard's themeColor wants. */
    String hex() {
        return String.format("%06X", rgb);
    }
}
