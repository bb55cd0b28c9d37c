package io.kronforce.notifier;

import java.util.Locale;

/** How urgent a notification is. The wire names are PagerDuty's, which every other channel can map. */
public enum Severity {
    INFO,
    WARNING,
    ERROR,
    CRITICAL;

    /** Lower-case wire name: {@code info}, {@code warning}, {@code error}, {@code critical}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
