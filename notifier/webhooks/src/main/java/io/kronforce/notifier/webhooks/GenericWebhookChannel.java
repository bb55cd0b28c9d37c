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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A generic JSON webhook: upstream's {@code {"subject","body","source","timestamp"}} plus the
 * structured fields (event, severity, dedup key, job, execution, links), optionally signed.
 */
public final class GenericWebhookChannel implements Channel<GenericWebhookDestination> {

    /** Headers the JDK client sets itself and refuses from callers, plus upstream's PagerDuty key. */
    private static final Set<String> NOT_SENT =
            Set.of("routing_key", "host", "content-length", "connection", "expect", "upgrade");

    private final OutboundHttp http;
    private final Clock clock;

    GenericWebhookChannel(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** ServiceLoader entry for {@code webhook}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new GenericWebhookChannel(new OutboundHttp(settings), settings.clock());
        }
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public Class<GenericWebhookDestination> configType() {
        return GenericWebhookDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("url", "headers.*", "secret");
    }

    @Override
    public List<ConfigViolation> check(GenericWebhookDestination d) {
        ConfigChecks checks = new ConfigChecks().webUrl("/url", d.url());
        d.headers()
                .forEach((name, value) -> checks.require(
                        name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")
                                && value != null
                                && value.chars().noneMatch(c -> c < 0x20),
                        "/headers/" + name.replace("~", "~0").replace("/", "~1"),
                        "invalid header name or value"));
        return checks.require(d.secret() == null || !d.secret().isEmpty(), "/secret", "secret must not be empty")
                .problems();
    }

    @Override
    public Delivery deliver(GenericWebhookDestination d, Notification n, String recipient) throws InterruptedException {
        String body = Json.write(payload(n));
        Map<String, String> headers = new LinkedHashMap<>();
        d.headers().forEach((name, value) -> {
            if (!NOT_SENT.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        if (d.secret() != null) {
            headers.putAll(WebhookSignature.headers(d.secret(), body, clock.instant()));
        }
        return http.postJson(d.url(), body, headers);
    }

    static Map<String, Object> payload(Notification n) {
        Map<String, Object> job = n.jobId() == null ? null : obj("id", n.jobId(), "name", n.jobName());
        Map<String, Object> execution =
                n.executionId() == null ? null : obj("id", n.executionId(), "status", n.status());
        List<Object> links = n.links().stream()
                .map(l -> (Object) obj("text", l.text(), "href", l.href().toString()))
                .toList();
        return obj(
                "subject",
                n.subject(),
                "body",
                n.body(),
                "source",
                "kronforce",
                "timestamp",
                n.occurredAt().toString(),
                "event",
                n.kind().wire(),
                "severity",
                n.severity().wire(),
                "dedup_key",
                n.dedupKey(),
                "job",
                job,
                "execution",
                execution,
                "output_excerpt",
                n.outputExcerpt(),
                "links",
                links);
    }
}
