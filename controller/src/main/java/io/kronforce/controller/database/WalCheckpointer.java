package io.kronforce.controller.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

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
    private static final Logger LOG = Logger.getLogger(WalCheckpointer.class.getName());
    static final long PERIOD_MS = 200;
    /** About 40 MiB of WAL at the default 4 KiB page. */
    static final int WRITER_BACKSTOP_PAGES = 10_000;

    /** What one checkpoint found: frames in the WAL and frames copied into the file (−1 when no WAL). */
    record Pass(boolean busy, int walFrames, int checkpointedFrames) {}

    private final Connection connection;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("kronforce-wal-checkpoint").daemon(true).factory());

    WalCheckpointer(Connection connection) {
        this.connection = connection;
    }

    void start() {
        timer.scheduleWithFixedDelay(this::runGuarded, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void runGuarded() {
        try {
            runOnce();
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "background WAL checkpoint failed; the writer's backstop still applies", e);
        }
    }

    /** The checkpoint the writer makes when it closes: TRUNCATE leaves an empty WAL, unless replicating. */
    static String atShutdown(boolean replicated) {
        return replicated ? "PASSIVE" : "TRUNCATE";
    }

    /** One PASSIVE checkpoint; tests call it directly. */
    Pass runOnce() throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            rs.next();
            return new Pass(rs.getInt(1) != 0, rs.getInt(2), rs.getInt(3));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Database.closeQuietly(connection);
    }
}
