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
 * PagerDuty Events API v2. Every notification carries its {@code dedup_key}, so all failures of
 * a job land in one incident, and a notification that {@linkplain
 * io.kronforce.notifier.EventKind#resolves() resolves} sends {@code event_action: resolve} with
 * the same key, closing it (upstream only ever triggered).
 */
public final class PagerDutyChannel implements Channel<PagerDutyDestination> {

    /** PagerDuty's documented maxima for {@code summary} and {@code dedup_key}. */
    static final int MAX_SUMMARY = 1024;

    static final int MAX_DEDUP_KEY = 255;

    private final OutboundHttp http;

    PagerDutyChannel(OutboundHttp http) {
        this.http = http;
    }

    /** ServiceLoader entry for {@code pagerduty}. */
    public static final class Provider implements ChannelProvider {
        @Override
        public Channel<?> create(ChannelSettings settings) {
            return new PagerDutyChannel(new OutboundHttp(settings));
        }
    }

    @Override
    public String type() {
        return "pagerduty";
    }

    @Override
    public Class<PagerDutyDestination> configType() {
        return PagerDutyDestination.class;
    }

    @Override
    public List<String> secretFields() {
        return List.of("routing_key");
    }

    @Override
    public List<ConfigViolation> check(PagerDutyDestination d) {
        return new ConfigChecks()
                .required("/routing_key", d.routing_key())
                .webUrl("/events_url", d.events_url())
                .problems();
    }

    @Override
    public Delivery deliver(PagerDutyDestination d, Notification n, String recipient) throws InterruptedException {
        return http.postJson(d.events_url(), Json.write(event(d, n)), Map.of());
    }

    static Map<String, Object> event(PagerDutyDestination d, Notification n) {
        String dedupKey = Facts.clip(n.dedupKey(), MAX_DEDUP_KEY);
        if (n.kind().resolves()) {
            return obj("routing_key", d.routing_key(), "event_action", "resolve", "dedup_key", dedupKey);
        }
        Map<String, Object> details = obj(
                "body",
                n.body(),
                "job",
                n.jobName(),
                "job_id",
                n.jobId(),
                "execution_id",
                n.executionId(),
                "status",
                n.status(),
                "output",
                n.outputExcerpt());
        Map<String, Object> payload = obj(
                "summary",
                Facts.clip(n.subject(), MAX_SUMMARY),
                "source",
                d.source(),
                "severity",
                n.severity().wire(),
                "timestamp",
                n.occurredAt().toString(),
                "component",
                n.jobName(),
                "class",
                n.kind().wire(),
                "custom_details",
                details);
        List<Object> links = n.links().stream()
                .map(l -> (Object) obj("href", l.href().toString(), "text", l.text()))
                .toList();
        return obj(
                "routing_key",
                d.routing_key(),
                "event_action",
                "trigger",
                "dedup_key",
                dedupKey,
                "payload",
                payload,
                "client",
                "Kronforce",
                "links",
                links.isEmpty() ? null : links);
    }
}
