package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.resources.SecretFields;
import io.kronforce.controller.resources.Settings;
import java.util.List;
import java.util.Optional;

/**
 * The secret members of the notification settings, as each channel declares them
 * ({@code Channel.secretFields}): upstream's single-destination keys through the channel they map to,
 * and each destination of {@code notification_channels} through its own type. A destination of a type no
 * installed channel knows is read conservatively ({@link SecretFields#undeclared()}), URL members too.
 */
final class ChannelSecrets implements Settings.SecretDeclaration {
    /** Upstream's webhook document: the URL, and headers (PagerDuty's key sits in {@code headers.routing_key}). */
    private static final List<String> UPSTREAM_WEBHOOK = List.of("url", "headers.*");

    private final ChannelCatalog catalog;

    ChannelSecrets(ChannelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Optional<SecretFields> secrets(String key, JsonNode value) {
        return switch (key) {
            case NotificationSettings.EMAIL -> Optional.of(of("email"));
            case NotificationSettings.SMS -> Optional.of(of("sms_webhook"));
            case NotificationSettings.WEBHOOK -> Optional.of(SecretFields.declared(UPSTREAM_WEBHOOK));
            case NotificationSettings.RECIPIENTS, NotificationSettings.SYSTEM_ALERTS ->
                Optional.of(SecretFields.declared(List.of()));
            case NotificationSettings.CHANNELS -> Optional.of(channels(value));
            default -> Optional.empty();
        };
    }

    private SecretFields channels(JsonNode list) {
        SecretFields out = SecretFields.declared(List.of());
        if (!list.isArray()) {
            return SecretFields.undeclared();
        }
        for (int i = 0; i < list.size(); i++) {
            out = out.with(Integer.toString(i), of(list.get(i).path("type").asText("")));
        }
        return out;
    }

    private SecretFields of(String type) {
        return catalog.secretFields(type).map(SecretFields::declared).orElseGet(SecretFields::undeclared);
    }
}
