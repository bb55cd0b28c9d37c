package io.kronforce.controller.database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open the database.
 *
 * @param file the SQLite file; its folder is created when missing
 * @param readPoolSize read connections; also bounds how many threads sit inside SQLite reads
 * @param busyTimeout how long a connection waits on a lock, and a reader waits for a connection
 * @param replicated Litestream replicates the file: only PASSIVE checkpoints (decision 0051)
 * @param sync what a commit survives, set on every connection
 */
public record DatabaseSettings(Path file, int readPoolSize, Duration busyTimeout, boolean replicated, SyncMode sync) {
    public DatabaseSettings(Path file, int readPoolSize, Duration busyTimeout) {
        this(file, readPoolSize, busyTimeout, false);
    }

    public DatabaseSettings(Path file, int readPoolSize, Duration busyTimeout, boolean replicated) {
        this(file, readPoolSize, busyTimeout, replicated, SyncMode.NORMAL);
    }

    public DatabaseSettings {
        if (readPoolSize < 1) {
            throw new IllegalArgumentException("read pool size must be at least 1");
        }
        Objects.requireNonNull(sync, "sync");
    }
}
