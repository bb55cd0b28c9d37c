package io.kronforce.task.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Where a {@code sql} task connects, parsed from its connection string. The password travels to
 * the driver only as a connection property, never inside the JDBC URL, so driver messages that
 * quote the URL cannot leak it; {@link #toString()} and {@link #describe()} mask it.
 *
 * @param host database host; {@code null} for SQLite
 * @param port TCP port; 0 for SQLite
 * @param database database name, or the file path for SQLite
 * @param user user name, or {@code null} to let the driver choose
 * @param password password, or {@code null}
 * @param params further driver properties from the connection string ({@code sslmode}…)
 */
record ConnectionTarget(
        SqlDriver driver,
        String host,
        int port,
        String database,
        String user,
        String password,
        Map<String, String> params) {

    static final String MASK = "****";
    /** Connect timeout when the deadline is further away or absent. */
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    ConnectionTarget {
        params = Map.copyOf(params);
    }

    static ConnectionTarget sqliteFile(String path) {
        return new ConnectionTarget(SqlDriver.SQLITE, null, 0, path, null, null, Map.of());
    }

    /** Opens a connection, waiting at most {@code limit} (capped at the default) to connect. */
    Connection connect(Duration limit) throws SQLException {
        Duration timeout = limit.compareTo(DEFAULT_CONNECT_TIMEOUT) < 0 ? limit : DEFAULT_CONNECT_TIMEOUT;
        Connection connection = driver.jdbcDriver().connect(jdbcUrl(), properties(timeout));
        if (connection == null) {
            throw new SQLException("the " + driver.wireName() + " driver did not accept " + describe());
        }
        return connection;
    }

    boolean isNetwork() {
        return driver != SqlDriver.SQLITE;
    }

    String jdbcUrl() {
        if (!isNetwork()) {
            return "jdbc:sqlite:" + database;
        }
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        String scheme = driver == SqlDriver.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://";
        return scheme + hostPart + ":" + port + "/" + database;
    }

    /** Driver properties: credentials, the connection string's own parameters, and our connect timeout. */
    Properties properties(Duration connectTimeout) {
        Properties props = new Properties();
        long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        switch (driver) {
            case POSTGRES -> {
                props.setProperty("connectTimeout", Long.toString(seconds));
                props.setProperty("ApplicationName", "kronforce");
            }
            // Upstream ran `mysql -e`, which accepts several statements in one string.
            case MYSQL -> {
                props.setProperty("connectTimeout", Long.toString(seconds * 1000));
                props.setProperty("allowMultiQueries", "true");
            }
            case SQLITE -> {}
        }
        props.putAll(params);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** The target for messages and logs, password masked. */
    String describe() {
        if (!isNetwork()) {
            return "sqlite:" + database;
        }
        String credentials = user == null ? "" : user + (password == null ? "" : ":" + MASK) + "@";
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return driver.wireName() + "://" + credentials + hostPart + ":" + port + "/" + database;
    }

    /**
     * Masks the password wherever it appears in a message from the driver or the server. Passwords
     * under three characters are left alone: masking them would shred ordinary words.
     */
    String scrub(String text) {
        if (text == null || password == null || password.length() < 3) {
            return text;
        }
        return text.replace(password, MASK);
    }

    @Override
    public String toString() {
        return describe();
    }
}
