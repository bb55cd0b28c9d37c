package io.kronforce.controller.schedule;

import java.util.Locale;
import java.util.Optional;

/**
 * What a job does with slots it missed (controller down, loop behind by more than
 * {@link DuePlanner#GRACE_MS}): {@code skip} them, {@code run_once} (the latest of them; the
 * default), or {@code run_all} (oldest first, at most {@link DuePlanner#RUN_ALL_LIMIT}).
 */
public enum MisfirePolicy {
    SKIP,
    RUN_ONCE,
    RUN_ALL;

    public static final MisfirePolicy DEFAULT = RUN_ONCE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MisfirePolicy> parse(String text) {
        for (MisfirePolicy p : values()) {
            if (p.wire().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
