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
 * Microsoft Teams, in both formats Teams accepts: the Workflows envelope (a {@code message}
 * whose attachment is an Adaptive Card 1.4) and the legacy connector {@code MessageCard}, which
 * keeps upstream's {@code title} and {@code text} members.
 */
public final class TeamsChannel implements Channel<TeamsDestination> {

    static final String ADAPTIVE_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

    private final OutboundHttp http;

    TeamsChannel(OutboundHttp http) {
        this.http = http;
    }

    /** ServiceLoader entry for {@code teams}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new TeamsChannel(new OutboundHttp(settings));
        }
    }

    @Override
    public String type() {
        return "teams";
    }

    @Override
    public Class<TeamsDestination> configType() {
        return TeamsDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("webhook_url");
    }

    @Override
    public List<ConfigViolation> check(TeamsDestination d) {
        String format = d.format();
        return new ConfigChecks()
                .webUrl("/webhook_url", d.webhook_url())
                .require(
                        format.equals(TeamsDestination.ADAPTIVE_CARD) || format.equals(TeamsDestination.MESSAGE_CARD),
                        "/format",
                        "format must be adaptive_card or message_card")
                .problems();
    }

    @Override
    public Delivery deliver(TeamsDestination d, Notification n, String recipient) throws InterruptedException {
        Map<String, Object> payload =
                d.format().equals(TeamsDestination.MESSAGE_CARD) ? messageCard(n) : adaptiveCard(n);
        return http.postJson(d.webhook_url(), Json.write(payload), Map.of());
    }

    /** The legacy connector card; {@code text} is Markdown, where a line break needs a blank line. */
    static Map<String, Object> messageCard(Notification n) {
        Map<String, Object> section = obj(
                "facts",
                Facts.of(n).stream()
                        .map(f -> (Object) obj("name", f.name(), "value", f.value()))
                        .toList());
        if (n.outputExcerpt() != null) {
            section.put("text", "```\n" + n.outputExcerpt() + "\n```");
        }
        List<Object> actions = n.links().stream()
                .map(l -> (Object) obj(
                        "@type",
                        "OpenUri",
                        "name",
                        l.text(),
                        "targets",
                        List.of(obj("os", "default", "uri", l.href().toString()))))
                .toList();
        return obj(
                "@type",
                "MessageCard",
                "@context",
                "https://schema.org/extensions",
                "summary",
                n.subject(),
                "themeColor",
                Colour.of(n).hex(),
                "title",
                n.subject(),
                "text",
                n.body().replace("\n", "\n\n"),
                "sections",
                List.of(section),
                "potentialAction",
                actions.isEmpty() ? null : actions);
    }

    /** The Workflows envelope around an Adaptive Card. */
    static Map<String, Object> adaptiveCard(Notification n) {
        List<Object> body = new ArrayList<>();
        body.add(obj(
                "type",
                "TextBlock",
                "text",
                n.subject(),
                "weight",
                "Bolder",
                "size",
                "Medium",
                "color",
                Colour.of(n).adaptive,
                "wrap",
                true));
        body.add(obj("type", "TextBlock", "text", n.body().replace("\n", "\n\n"), "wrap", true));
        body.add(obj(
                "type",
                "FactSet",
                "facts",
                Facts.of(n).stream()
                        .map(f -> (Object) obj("title", f.name(), "value", f.value()))
                        .toList()));
        if (n.outputExcerpt() != null) {
            body.add(obj("type", "TextBlock", "text", n.outputExcerpt(), "fontType", "Monospace", "wrap", true));
        }
        Map<String, Object> card = obj(
                "$schema",
                "http://adaptivecards.io/schemas/adaptive-card.json",
                "type",
                "AdaptiveCard",
                "version",
                "1.4",
                "body",
                body);
        if (!n.links().isEmpty()) {
            card.put(
                    "actions",
                    n.links().stream()
                            .map(l -> (Object) obj(
                                    "type",
                                    "Action.OpenUrl",
                                    "title",
                                    l.text(),
                                    "url",
                                    l.href().toString()))
                            .toList());
        }
        return obj(
                "type", "message", "attachments", List.of(obj("contentType", ADAPTIVE_CONTENT_TYPE, "content", card)));
    }
}
