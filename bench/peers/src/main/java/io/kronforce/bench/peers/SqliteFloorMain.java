package io.kronforce.bench.peers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * What SQLite itself allows a scheduler on this disk: one connection, the peers' settings, a row
 * per execution inserted as running and updated to succeeded. {@code --mode single} commits each
 * row's INSERT and UPDATE together; {@code batch} commits 500 rows at a time. Prints rows/s.
 */
public final class SqliteFloorMain {

    private static final int BATCH = 500;

    private SqliteFloorMain() {}

    public static void main(String[] argv) throws Exception {
        double load1 = HostFacts.load1();
        Args args = Args.parse(argv);
        HardLimit.arm(Duration.ofSeconds(args.number("hard-limit-s", 60)));
        boolean batch = args.text("mode", "single").equals("batch");
        long seconds = args.number("seconds", 2);
        Path file = SqliteFiles.fresh("floor");
        try (Connection connection = DriverManager.getConnection(SqliteFiles.url(file))) {
            createTable(connection);
            connection.setAutoCommit(false);
            double rowsPerSec = rowsPerSecond(connection, batch ? BATCH : 1, TimeUnit.SECONDS.toNanos(seconds));
            System.out.println(new ResultLine(
                            "floor",
                            new PeerIdentity("sqlite-floor", "sqlite", batch ? "batch" + BATCH : "single"),
                            load1)
                    .put("rowsPerSec", rowsPerSec)
                    .put("settings", "WAL,synchronous=NORMAL,one-connection"));
        }
    }

    private static void createTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("create table execution (id integer primary key, job text not null,"
                    + " status text not null, started_ms integer not null, finished_ms integer)");
        }
    }

    private static double rowsPerSecond(Connection connection, int rowsPerCommit, long durationNs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                        "insert into execution (id, job, status, started_ms) values (?, 'job', 'running', ?)");
                PreparedStatement update = connection.prepareStatement(
                        "update execution set status = 'succeeded', finished_ms = ? where id = ?")) {
            long t0 = System.nanoTime();
            long rows = 0;
            while (System.nanoTime() - t0 < durationNs) {
                for (int i = 0; i < rowsPerCommit; i++, rows++) {
                    insert.setLong(1, rows);
                    insert.setLong(2, System.currentTimeMillis());
                    insert.executeUpdate();
                    update.setLong(1, System.currentTimeMillis());
                    update.setLong(2, rows);
                    update.executeUpdate();
                }
                connection.commit();
            }
            return rows / ((System.nanoTime() - t0) / 1e9);
        }
    }
}
