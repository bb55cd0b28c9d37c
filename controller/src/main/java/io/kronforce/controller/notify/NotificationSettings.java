package io.kronforce.controller.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the notification settings: upstream's three single-destination keys
 * ({@code notification_email}, {@code notification_sms}, {@code notification_webhook}, each with
 * {@code enabled}), and our richer {@code notification_channels}, a JSON array of named
 * destinations of any channel type. Only enabled destinations are returned.
 *
 * @param destinations enabled destinations, upstream's first (named {@code email}, {@code sms},
 *     {@code webhook})
 * @param recipients {@code notification_recipients}
 * @param problems settings that could not be read, for the test endpoint to report
 * @param agentOfflineAlerts {@code notification_system_alerts.agent_offline}
 */
record NotificationSettings(
        List<Destination> destinations, Recipients recipients, List<String> problems, boolean agentOfflineAlerts) {

    static final String EMAIL = "notification_email";
    static final String SMS = "notification_sms";
    static final String WEBHOOK = "notification_webhook";
    static final String RECIPIENTS = "notification_recipients";
    static final String CHANNELS = "notification_channels";
    static final String SYSTEM_ALERTS = "notification_system_alerts";
    private static final ObjectMapper MAPPER = JsonMapping.MAPPER;

    static NotificationSettings from(Map<String, String> settings) {
        List<Destination> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        object(settings, EMAIL, problems)
                .filter(NotificationSettings::switchedOn)
                .ifPresent(o -> out.add(new Destination("email", "email", o)));
        object(settings, SMS, problems)
                .filter(NotificationSettings::switchedOn)
                .ifPresent(o -> out.add(new Destination("sms", "sms_webhook", o)));
        object(settings, WEBHOOK, problems)
                .filter(NotificationSettings::switchedOn)
                .ifPresent(o -> out.add(UpstreamWebhook.toDestination(o)));
        channels(settings, problems, out);
        Recipients recipients =
                object(settings, RECIPIENTS, problems).map(Recipients::from).orElse(Recipients.NONE);
        boolean agentOffline = object(settings, SYSTEM_ALERTS, problems)
                .map(o -> o.path("agent_offline").asBoolean(false))
                .orElse(false);
        return new NotificationSettings(List.copyOf(out), recipients, List.copyOf(problems), agentOffline);
    }

    Optional<Destination> find(String name) {
        return destinations.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    private static void channels(Map<String, String> settings, List<String> problems, List<Destination> out) {
        String raw = settings.get(CHANNELS);
        if (raw == null || raw.isBlank()) {
            return;
        }
        JsonNode list = parse(CHANNELS, raw, problems);
        if (list == null || !list.isArray()) {
            problems.add(CHANNELS + " must be a JSON array of destinations");
            return;
        }
        for (JsonNode item : list) {
            String name = item.path("name").asText("");
            String type = item.path("type").asText("");
            if (!item.isObject() || name.isBlank() || type.isBlank()) {
                problems.add(CHANNELS + ": every destination needs a name and a type");
            } else if (out.stream().anyMatch(d -> d.name().equals(name))) {
                problems.add(CHANNELS + ": destination name '" + name + "' is used twice");
            } else if (enabled((ObjectNode) item)) {
                out.add(new Destination(name, type, (ObjectNode) item));
            }
        }
    }

    /** Our list: a destination is on unless {@code "enabled": false}. */
    private static boolean enabled(ObjectNode o) {
        return o.path("enabled").asBoolean(true);
    }

    /** Upstream's keys: a channel is on only with {@code "enabled": true}, as upstream reads them. */
    private static boolean switchedOn(ObjectNode o) {
        return o.path("enabled").asBoolean(false);
    }

    private static Optional<ObjectNode> object(Map<String, String> settings, String key, List<String> problems) {
        String raw = settings.get(key);
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        JsonNode node = parse(key, raw, problems);
        if (node != null && !node.isObject()) {
            problems.add(key + " must be a JSON object");
            return Optional.empty();
        }
        return Optional.ofNullable((ObjectNode) node);
    }

    private static JsonNode parse(String key, String raw, List<String> problems) {
        try {
            return MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            // The parser's message would quote the value, and the value may hold a secret.
            problems.add(key + " is not valid JSON");
            return null;
        }
    }
}
