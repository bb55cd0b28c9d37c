package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;

/**
 * Upstream's generic SMS gateway: a JSON POST per phone number.
 *
 * @param webhook_url the gateway endpoint; a secret
 * @param auth_user HTTP Basic user, sent only together with {@code auth_pass}
 * @param auth_pass HTTP Basic password; a secret
 * @param from_number the sender, sent as {@code From}
 */
public record SmsWebhookDestination(String webhook_url, String auth_user, String auth_pass, String from_number) {
    @Override
    public String toString() {
        return "SmsWebhookDestination[webhook_url=" + Secrets.maskUrl(webhook_url) + ", auth_user=" + auth_user
                + ", auth_pass=" + Secrets.mask(auth_pass) + ", from_number=" + from_number + "]";
    }
}
