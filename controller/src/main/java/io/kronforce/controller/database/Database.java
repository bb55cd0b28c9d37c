package io.kronforce.controller.database;

import io.kronforce.controller.domain.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The SQLite file: one writer (group commit, see {@link GroupCommitWriter}) and a fixed pool of
 * read connections. sqlite-jdbc is JNI and pins a virtual thread's carrier while inside a call,
 * so the number of threads inside SQLite is bounded by the pool size plus one writer.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DatabaseSettings settings;
    private final BlockingQueue<Connection> readers;
    private final GroupCommitWriter writer;
    private final WalCheckpointer checkpointer;
    private final LongAdder writes = new LongAdder();
    private final LongAdder reads = new LongAdder();
    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();

    private Database(
            DatabaseSettings settings,
            BlockingQueue<Connection> readers,
            GroupCommitWriter writer,
            WalCheckpointer checkpointer) {
        this.settings = settings;
        this.readers = readers;
        this.writer = writer;
        this.checkpointer = checkpointer;
    }

    /**
     * Loads the JDBC driver and SQLite's native library (extracted from the driver's jar), the slowest
     * part of the first {@link #open}. Safe from any thread and idempotent, so a start can run it
     * beside other work; a failure here is left for {@link #open} to report.
     */
    public static void preload() {
        try {
            DriverManager.getDriver("jdbc:sqlite:");
            org.sqlite.SQLiteJDBCLoader.initialize();
        } catch (Exception e) {
            LOG.fine("preloading SQLite failed (open will say why): " + e);
        }
    }

    /** Opens the file (creating it and its folder), applies pending migrations, starts the writer. */
    public static Database open(DatabaseSettings settings) {
        try {
            Path parent = settings.file().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Connection writeConnection = connect(settings);
            try (Statement s = writeConnection.createStatement()) {
                // Checkpoints belong to WalCheckpointer; this is only the backstop (see there).
                s.execute("PRAGMA wal_autocheckpoint=" + WalCheckpointer.WRITER_BACKSTOP_PAGES);
                // After a burst the WAL file shrinks back to this once it restarts.
                s.execute("PRAGMA journal_size_limit=" + (64L << 20));
            }
            Migrations.apply(writeConnection);
            BlockingQueue<Connection> readers = new ArrayBlockingQueue<>(settings.readPoolSize());
            for (int i = 0; i < settings.readPoolSize(); i++) {
                readers.add(connect(settings));
            }
            WalCheckpointer checkpointer = new WalCheckpointer(connect(settings));
            checkpointer.start();
            return new Database(
                    settings,
                    readers,
                    GroupCommitWriter.start(writeConnection, WalCheckpointer.atShutdown(settings.replicated())),
                    checkpointer);
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + settings.file() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new StoreException("cannot create folder for database " + settings.file(), e);
        }
    }

    static Connection connect(DatabaseSettings settings) throws SQLException {
        Connection c =
                DriverManager.getConnection("jdbc:sqlite:" + settings.file().toAbsolutePath());
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + settings.sync().pragmaValue());
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=" + settings.busyTimeout().toMillis());
        }
        return c;
    }

    /** Runs a read on a pooled connection; waits up to the busy timeout for one to be free. */
    public <T> T read(SqlFunction<T> work) {
        reads.increment();
        Connection c = borrow();
        try {
            return work.apply(c);
        } catch (SQLException e) {
            throw SqliteErrors.translate(e);
        } finally {
            readers.add(c);
        }
    }

    /**
     * As {@link #read}, inside one read transaction: every query of {@code work} sees the same
     * committed state (one WAL snapshot), whatever the writer commits meanwhile. For reads that
     * must be consistent across tables, such as an export; keep them short, as they hold back
     * checkpoints while they run.
     */
    public <T> T readSnapshot(SqlFunction<T> work) {
        return read(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("BEGIN");
                try {
                    return work.apply(c);
                } finally {
                    s.execute("COMMIT");
                }
            }
        });
    }

    /**
     * Runs a write inside the writer's next batch and returns once that batch is committed: a
     * returned value is durable. A failing write rolls back alone; the rest of the batch commits.
     * The work may run twice (once in a batch that was rolled back), so it must not act outside {@code c}.
     */
    public <T> T write(SqlFunction<T> work) {
        writes.increment();
        return writer.submit(work);
    }

    /**
     * A write that goes ahead of everything queued (not of the batch being committed): for work whose
     * delay is the product's precision, such as the scheduler admitting due runs. Otherwise as {@link #write}.
     */
    public <T> T writeFirst(SqlFunction<T> work) {
        writes.increment();
        return writer.submit(work, true);
    }

    /**
     * Runs {@code action} once the transaction of the calling write ends, committed or rolled back.
     * Call only inside a {@link #write}.
     */
    public void afterTransaction(Runnable action) {
        writer.afterTransaction(action);
    }

    /**
     * The one instance of {@code type} kept for this database while it is open, made by {@code create}
     * on first use: state the stores of one file share, such as a cache of rows only this process
     * writes, so it can neither outlive the file nor be split between two stores of it.
     */
    public <T> T shared(Class<T> type, Supplier<T> create) {
        return type.cast(shared.computeIfAbsent(type, t -> create.get()));
    }

    /** Reads run since the database was opened (each one a borrowed connection, whatever it queried). */
    public long readCount() {
        return reads.sum();
    }

    /**
     * Why the last write failed for the storage's sake (disk full, I/O error), until a write commits
     * again; empty while writes succeed.
     */
    public java.util.Optional<String> writeFailure() {
        return writer.writeFailure();
    }

    /** Writes submitted since the database was opened (each one a unit of work inside some group commit). */
    public long writeCount() {
        return writes.sum();
    }

    private Connection borrow() {
        try {
            Connection c = readers.poll(settings.busyTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (c == null) {
                throw new StoreUnavailableException("no read connection free within the busy timeout", null);
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for a read connection", e);
        }
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** Size of the main file and of the WAL, in bytes (0 when absent). */
    public long fileSize() {
        return sizeOf(settings.file());
    }

    /** The background checkpointer, for tests. */
    WalCheckpointer checkpointer() {
        return checkpointer;
    }

    public long walSize() {
        return sizeOf(Path.of(settings.file() + "-wal"));
    }

    private static long sizeOf(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Writes a consistent, compacted copy of the whole database to {@code target} (which must not
     * exist) with {@code VACUUM INTO} on a read connection: the writer keeps committing, the
     * source file and its WAL are left as they are (no checkpoint, no new Litestream generation).
     */
    public void copyTo(Path target) {
        read(c -> {
            try (var s = c.prepareStatement("VACUUM INTO ?")) {
                s.setString(1, target.toAbsolutePath().toString());
                s.execute();
            }
            return null;
        });
    }

    /** What a VACUUM did: the database's size in bytes (pages × page size) before and after. */
    public record Vacuumed(long sizeBefore, long sizeAfter) {}

    /**
     * Rebuilds the file without its free pages ({@code VACUUM}), then copies the WAL back and
     * truncates it, so the file on disk shrinks. It runs on the writer's connection in its turn,
     * between two batches: no write of ours runs beside it, and reads go on from the WAL snapshot
     * they hold. Never while Litestream replicates the file (decision 0051): the caller refuses that.
     */
    public Vacuumed vacuum() {
        return writer.submitBare(c -> {
            long before = pagesInBytes(c);
            // SQLite refuses VACUUM while any statement of the connection is mid-step; the writer's
            // cached statements are prepared again on their next use.
            StatementCache.release(c);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return new Vacuumed(before, pagesInBytes(c));
        });
    }

    private static long pagesInBytes(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Whether a trivial query answers. */
    public boolean ping() {
        try {
            return read(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeQuery("SELECT 1").next();
                }
            });
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Stops the writer after its queued work, checkpoints the WAL into the main file and closes
     * every connection. The checkpoint truncates the WAL, except while Litestream replicates: a
     * forced checkpoint then would wait on its read transaction and start a new generation.
     */
    @Override
    public void close() {
        checkpointer.close();
        writer.close();
        for (Connection c : readers) {
            closeQuietly(c);
        }
        LOG.fine("database closed");
    }

    static void closeQuietly(Connection c) {
        StatementCache.release(c);
        try {
            c.close();
        } catch (SQLException e) {
            LOG.warning("closing a connection failed: " + e.getMessage());
        }
    }
}
