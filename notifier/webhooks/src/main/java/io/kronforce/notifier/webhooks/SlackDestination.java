package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;

/**
 * A Slack incoming webhook.
 *
 * @param webhook_url {@code https://hooks.slack.com/services/T…/B…/…}; a secret
 */
public record SlackDestination(String webhook_url) {
    @Override
    public String toString() {
        return "SlackDestination[webhook_url=" + Secrets.maskUrl(webhook_url) + "]";
    }
}
