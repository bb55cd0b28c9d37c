package io.kronforce.controller.database;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * SQLite's {@code PRAGMA synchronous} for the WAL file, which decides what a commit survives.
 * Group commit makes the difference one fsync per batch, not per write (decision 0001).
 */
public enum SyncMode {
    /**
     * The WAL is synced at checkpoints only: a commit survives the process dying (kill -9), but the
     * commits since the last sync may be lost when the machine loses power or the OS crashes. The
     * file is never corrupted.
     */
    NORMAL(1),
    /** The WAL is synced at every commit: an acknowledged write survives power loss too. */
    FULL(2);

    private final int pragmaValue;

    SyncMode(int pragmaValue) {
        this.pragmaValue = pragmaValue;
    }

    /** What {@code PRAGMA synchronous} reads back on a connection in this mode. */
    public int pragmaValue() {
        return pragmaValue;
    }

    /** The spelling settings use: {@code normal} or {@code full}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode a setting names, ignoring case and surrounding blanks; empty for anything else. */
    public static Optional<SyncMode> fromSetting(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.settingName().equals(wanted))
                .findFirst();
    }

    /** The allowed spellings, for messages: {@code normal, full}. */
    public static String allowed() {
        return Arrays.stream(values()).map(SyncMode::settingName).collect(Collectors.joining(", "));
    }
}
