package io.kronforce.controller.database;

import io.kronforce.controller.duty.Duty;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Copies the WAL back into the database file on a thread of its own, so the writer does not.
 * SQLite's automatic checkpoint runs inside the commit that crosses its threshold: one write in a
 * few hundred then waits for the copy and its fsync, which is most of the writes' p99. Here a
 * PASSIVE checkpoint runs every {@link #PERIOD_MS} ms on its own connection, beside the writer
 * (it never takes the write lock, and stops at the oldest reader's snapshot — Litestream's too).
 * The writer keeps SQLite's own checkpoint only as a backstop at {@link #WRITER_BACKSTOP_PAGES},
 * for write loads this thread cannot keep up with.
 *
 * <p>While Litestream replicates the file, every checkpoint the controller makes is PASSIVE, at
 * shutdown too: RESTART and TRUNCATE wait for Litestream's long read transaction (blocking the
 * writer for the busy timeout) and, like VACUUM, make it start a new generation (decision 0051).
 */
final class WalCheckpointer implements AutoCloseable {
    static final long PERIOD_MS = 200;
    /** About 40 MiB of WAL at the default 4 KiB page. */
    static final int WRITER_BACKSTOP_PAGES = 10_000;

    /** What one checkpoint found: frames in the WAL and frames copied into the file (−1 when no WAL). */
    record Pass(boolean busy, int walFrames, int checkpointedFrames) {}

    private final Connection connection;
    // A failed pass is counted and logged by the duty; the writer's backstop still applies meanwhile.
    private final Duty duty;

    WalCheckpointer(Connection connection) {
        this.connection = connection;
        Duration period = Duration.ofMillis(PERIOD_MS);
        this.duty = Duty.every(
                "kronforce-wal-checkpoint",
                period,
                Duty.Plan.standard().firstAfter(period).afterFailure(period),
                this::runOnce);
    }

    void start() {
        duty.start();
    }

    /** Passes that failed since the start. */
    long failures() {
        return duty.failures();
    }

    /** The checkpoint the writer makes when it closes: TRUNCATE leaves an empty WAL, unless replicating. */
    static String atShutdown(boolean replicated) {
        return replicated ? "PASSIVE" : "TRUNCATE";
    }

    /** One PASSIVE checkpoint; tests call it directly. */
    Pass runOnce() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return new Pass(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
        }
    }

    @Override
    public void close() {
        duty.close();
        Database.closeQuietly(connection);
    }
}
