package io.kronforce.notifier.webhooks;

import static io.kronforce.notifier.http.Json.obj;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.ConfigChecks;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.http.Json;
import io.kronforce.notifier.http.OutboundHttp;
import io.kronforce.task.ConfigViolation;
import java.util.List;
import java.util.Map;

/**
 * Discord webhooks: one embed in upstream's shape (title, description, colour, footer
 * "Kronforce", timestamp) plus fields and the first link, and {@code content} with the subject
 * so the push notification says something. Mentions are switched off: job output must not be
 * able to ping {@code @everyone}.
 */
public final class DiscordChannel implements Channel<DiscordDestination> {

    private final OutboundHttp http;

    DiscordChannel(OutboundHttp http) {
        this.http = http;
    }

    /** ServiceLoader entry for {@code discord}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new DiscordChannel(new OutboundHttp(settings));
        }
    }

    @Override
    public String type() {
        return "discord";
    }

    @Override
    public Class<DiscordDestination> configType() {
        return DiscordDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("webhook_url");
    }

    @Override
    public List<ConfigViolation> check(DiscordDestination d) {
        return new ConfigChecks().webUrl("/webhook_url", d.webhook_url()).problems();
    }

    @Override
    public Delivery deliver(DiscordDestination d, Notification n, String recipient) throws InterruptedException {
        return http.postJson(d.webhook_url(), Json.write(payload(d, n)), Map.of());
    }

    /** Within Discord's limits: content 2000, title 256, description 4096, field value 1024. */
    static Map<String, Object> payload(DiscordDestination d, Notification n) {
        List<Object> fields = Facts.of(n).stream()
                .map(f -> (Object) obj("name", f.name(), "value", Facts.clip(f.value(), 1024), "inline", true))
                .toList();
        if (n.outputExcerpt() != null && !n.outputExcerpt().isBlank()) {
            fields = new java.util.ArrayList<>(fields);
            fields.add(obj("name", "Output", "value", "```" + Facts.clip(n.outputExcerpt(), 1000) + "```"));
        }
        Map<String, Object> embed = obj(
                "title",
                Facts.clip(n.subject(), 256),
                "description",
                Facts.clip(n.body(), 4096),
                "color",
                Colour.of(n).rgb,
                "url",
                n.links().isEmpty() ? null : n.links().getFirst().href().toString(),
                "fields",
                fields,
                "footer",
                obj("text", "Kronforce"),
                "timestamp",
                n.occurredAt().toString());
        return obj(
                "content",
                Facts.clip(n.subject(), 2000),
                "username",
                d.username(),
                "embeds",
                List.of(embed),
                "allowed_mentions",
                obj("parse", List.of()));
    }
}
