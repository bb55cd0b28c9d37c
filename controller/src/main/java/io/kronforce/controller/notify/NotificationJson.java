package io.kronforce.controller.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.notifier.EventKind;
import io.kronforce.notifier.Link;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.Severity;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A notification as the outbox stores it: what to say, fixed at enqueue time so every retry says the same. */
final class NotificationJson {
    private static final ObjectMapper MAPPER = JsonMapping.MAPPER;

    private NotificationJson() {}

    static String write(Notification n) {
        ObjectNode o = MAPPER.createObjectNode()
                .put("dedup_key", n.dedupKey())
                .put("kind", n.kind().wire())
                .put("severity", n.severity().wire())
                .put("subject", n.subject())
                .put("body", n.body())
                .put("job_id", n.jobId())
                .put("job_name", n.jobName())
                .put("execution_id", n.executionId())
                .put("status", n.status())
                .put("output_excerpt", n.outputExcerpt())
                .put("occurred_at_ms", n.occurredAt().toEpochMilli());
        ArrayNode links = o.putArray("links");
        n.links()
                .forEach(l -> links.addObject()
                        .put("text", l.text())
                        .put("href", l.href().toString()));
        return o.toString();
    }

    static Notification read(String json) {
        JsonNode o;
        try {
            o = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox row holds invalid JSON", e);
        }
        List<Link> links = new ArrayList<>();
        o.path("links")
                .forEach(l -> links.add(new Link(
                        l.path("text").asText(), URI.create(l.path("href").asText()))));
        return new Notification(
                o.path("dedup_key").asText(),
                EventKind.valueOf(o.path("kind").asText().toUpperCase(Locale.ROOT)),
                Severity.valueOf(o.path("severity").asText().toUpperCase(Locale.ROOT)),
                o.path("subject").asText(),
                o.path("body").asText(),
                text(o, "job_id"),
                text(o, "job_name"),
                text(o, "execution_id"),
                text(o, "status"),
                text(o, "output_excerpt"),
                links,
                Instant.ofEpochMilli(o.path("occurred_at_ms").asLong()));
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
