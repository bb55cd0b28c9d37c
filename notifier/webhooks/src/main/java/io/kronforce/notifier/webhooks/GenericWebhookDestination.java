package io.kronforce.notifier.webhooks;

import io.kronforce.notifier.Secrets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Any HTTP endpoint that takes JSON.
 *
 * @param url where to POST; a secret
 * @param headers extra request headers (e.g. {@code Authorization}); values are secrets.
 *     {@code routing_key} is never sent (upstream kept PagerDuty's key there)
 * @param secret when set, each request is signed with HMAC-SHA256 (see {@link WebhookSignature})
 */
public record GenericWebhookDestination(String url, Map<String, String> headers, String secret) {

    public GenericWebhookDestination {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        Map<String, String> masked = new TreeMap<>();
        headers.keySet().forEach(name -> masked.put(name, Secrets.MASK));
        return "GenericWebhookDestination[url=" + Secrets.maskUrl(url) + ", headers=" + masked + ", secret="
                + Secrets.mask(secret) + "]";
    }
}
