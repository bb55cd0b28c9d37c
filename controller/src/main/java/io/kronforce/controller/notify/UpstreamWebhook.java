package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Maps upstream's single {@code notification_webhook} ({@code url}, {@code format},
 * {@code headers}) onto one of our channels, keeping upstream's quirks: PagerDuty's key lives in
 * {@code headers.routing_key} and the URL is the events endpoint.
 */
final class UpstreamWebhook {

    private UpstreamWebhook() {}

    static Destination toDestination(ObjectNode upstream) {
        String url = upstream.path("url").asText("");
        String format = upstream.path("format").asText("generic").toLowerCase(Locale.ROOT);
        ObjectNode config = JsonNodeFactory.instance.objectNode();
        return switch (format) {
            case "slack" -> new Destination("webhook", "slack", config.put("webhook_url", url));
            case "discord" -> new Destination("webhook", "discord", config.put("webhook_url", url));
            case "teams" ->
                new Destination(
                        "webhook",
                        "teams",
                        config.put("webhook_url", url)
                                // Upstream posted connector-style JSON; connector URLs keep the legacy card.
                                .put("format", url.contains(".webhook.office.com") ? "message_card" : "adaptive_card"));
            case "pagerduty" ->
                new Destination(
                        "webhook",
                        "pagerduty",
                        config.put(
                                        "routing_key",
                                        upstream.path("headers")
                                                .path("routing_key")
                                                .asText(null))
                                .put("events_url", url.isBlank() ? null : url));
            default -> {
                config.put("url", url);
                if (upstream.path("headers").isObject()) {
                    config.set("headers", upstream.get("headers"));
                }
                yield new Destination("webhook", "webhook", config);
            }
        };
    }
}
