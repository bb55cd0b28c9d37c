package io.kronforce.bench.peers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SQLite settings every peer gets: WAL, {@code synchronous=NORMAL} (as bench/run.sh runs our
 * controller unless {@code --db-sync} says otherwise; the controller's own default is FULL), a
 * 10 s busy timeout, and {@code transaction_mode=IMMEDIATE}. The last is not optional: with the
 * driver's default DEFERRED, JobRunr's reads that turn into writes fail with
 * SQLITE_BUSY_SNAPSHOT and Quartz's trigger acquisition with SQLITE_BUSY.
 */
final class SqliteFiles {

    private SqliteFiles() {}

    /** A new, empty database file in the folder peers.sh gives ({@code -Dpeers.tmp}). */
    static Path fresh(String peer) throws IOException {
        Path dir = Path.of(System.getProperty("peers.tmp", System.getProperty("java.io.tmpdir")));
        Files.createDirectories(dir);
        Path dbFolder = Files.createTempDirectory(dir, peer + "-");
        return dbFolder.resolve(peer + ".db");
    }

    static String url(Path file) {
        return "jdbc:sqlite:" + file
                + "?journal_mode=WAL&synchronous=NORMAL&busy_timeout=10000&transaction_mode=IMMEDIATE";
    }

    static HikariDataSource pool(Path file, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url(file));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setPoolName("peers-sqlite");
        return new HikariDataSource(config);
    }
}
