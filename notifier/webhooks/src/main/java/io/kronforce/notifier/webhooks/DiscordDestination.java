package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;

/**
 * A Discord channel webhook.
 *
 * @param webhook_url {@code https://discord.com/api/webhooks/<id>/<token>}; a secret
 * @param username overrides the webhook's display name; optional
 */
public record DiscordDestination(String webhook_url, String username) {
    @Override
    public String toString() {
        return "DiscordDestination[webhook_url=" + Secrets.maskUrl(webhook_url) + ", username=" + username + "]";
    }
}
