package io.kronforce.controller.notify;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.resources.Settings;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Refuses notification settings that could never deliver — unreadable JSON, an unknown channel
 * type, a destination its channel's {@code check} rejects — with a 400 naming the setting and the
 * field, instead of storing them and failing at 3 a.m. Messages never quote values.
 */
final class SettingsCheck implements Settings.Check {
    private static final Set<String> KEYS = Set.of(
            NotificationSettings.EMAIL,
            NotificationSettings.SMS,
            NotificationSettings.WEBHOOK,
            NotificationSettings.RECIPIENTS,
            NotificationSettings.CHANNELS);

    private final ChannelCatalog catalog;

    SettingsCheck(ChannelCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public void check(String key, String value) {
        if (!KEYS.contains(key) || value.isBlank()) {
            return;
        }
        NotificationSettings parsed = NotificationSettings.from(Map.of(key, value));
        if (!parsed.problems().isEmpty()) {
            throw new KronforceException.InvalidInput(
                    "/" + key, parsed.problems().getFirst());
        }
        for (Destination d : parsed.destinations()) {
            List<String> problems = catalog.problems(d);
            if (!problems.isEmpty()) {
                throw new KronforceException.InvalidInput(
                        "/" + key,
                        key + ": destination '" + d.name() + "' (" + d.type() + ") " + String.join("; ", problems));
            }
        }
    }
}
