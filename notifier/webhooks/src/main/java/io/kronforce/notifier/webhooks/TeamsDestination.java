package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;

/**
 * A Microsoft Teams webhook.
 *
 * @param webhook_url a Workflows (Power Automate) trigger URL, or a legacy Office 365 connector
 *     URL; a secret
 * @param format {@code adaptive_card} (Workflows, the default: connectors are retired) or
 *     {@code message_card} (legacy connector)
 */
public record TeamsDestination(String webhook_url, String format) {

    static final String ADAPTIVE_CARD = "adaptive_card";
    static final String MESSAGE_CARD = "message_card";

    public TeamsDestination {
        format = format == null || format.isBlank() ? ADAPTIVE_CARD : format;
    }

    @Override
    public String toString() {
        return "TeamsDestination[webhook_url=" + Secrets.maskUrl(webhook_url) + ", format=" + format + "]";
    }
}
