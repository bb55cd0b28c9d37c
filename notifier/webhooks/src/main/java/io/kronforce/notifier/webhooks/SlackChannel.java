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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack incoming webhooks. {@code text} keeps upstream's {@code *subject*\nbody} (Slack shows
 * it in notifications and where blocks cannot render); {@code blocks} carry a header, the body,
 * the facts, the output excerpt and link buttons, within Slack's documented field limits.
 */
public final class SlackChannel implements Channel<SlackDestination> {

    private final OutboundHttp http;

    SlackChannel(OutboundHttp http) {
        this.http = http;
    }

    /** ServiceLoader entry for {@code slack}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new SlackChannel(new OutboundHttp(settings));
        }
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public Class<SlackDestination> configType() {
        return SlackDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("webhook_url");
    }

    @Override
    public List<ConfigViolation> check(SlackDestination d) {
        return new ConfigChecks().webUrl("/webhook_url", d.webhook_url()).problems();
    }

    @Override
    public Delivery deliver(SlackDestination d, Notification n, String recipient) throws InterruptedException {
        return http.postJson(d.webhook_url(), Json.write(payload(n)), Map.of());
    }

    static Map<String, Object> payload(Notification n) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(obj("type", "header", "text", plain(Facts.clip(n.subject(), 150))));
        blocks.add(obj("type", "section", "text", mrkdwn(Facts.clip(escape(n.body()), 3000))));
        List<Object> fields = Facts.of(n).stream()
                .map(f -> (Object) mrkdwn("*" + f.name() + "*\n" + Facts.clip(escape(f.value()), 1900)))
                .toList();
        if (!fields.isEmpty()) {
            blocks.add(obj("type", "section", "fields", fields));
        }
        if (n.outputExcerpt() != null && !n.outputExcerpt().isBlank()) {
            blocks.add(obj(
                    "type", "section", "text", mrkdwn("```" + Facts.clip(escape(n.outputExcerpt()), 2900) + "```")));
        }
        if (!n.links().isEmpty()) {
            blocks.add(obj(
                    "type",
                    "actions",
                    "elements",
                    n.links().stream()
                            .limit(5)
                            .map(l -> (Object) obj(
                                    "type",
                                    "button",
                                    "text",
                                    plain(Facts.clip(l.text(), 75)),
                                    "url",
                                    l.href().toString()))
                            .toList()));
        }
        return obj("text", "*" + escape(n.subject()) + "*\n" + escape(n.body()), "blocks", blocks);
    }

    private static Map<String, Object> plain(String text) {
        return obj("type", "plain_text", "text", text);
    }

    private static Map<String, Object> mrkdwn(String text) {
        return obj("type", "mrkdwn", "text", text);
    }

    /** Slack's three control characters in mrkdwn; without this, job output could forge links or mentions. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
