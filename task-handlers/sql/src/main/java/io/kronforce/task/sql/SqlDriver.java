package io.kronforce.task.sql;

import java.util.Arrays;
import java.util.Optional;

/** The database families a {@code sql} task can reach, by their wire names. */
enum SqlDriver {
    POSTGRES("postgres", 5432),
    MYSQL("mysql", 3306),
    SQLITE("sqlite", 0);

    private final String wireName;
    private final int defaultPort;

    SqlDriver(String wireName, int defaultPort) {
        this.wireName = wireName;
        this.defaultPort = defaultPort;
    }

    static Optional<SqlDriver> of(String wireName) {
        return Arrays.stream(values()).filter(d -> d.wireName.equals(wireName)).findFirst();
    }

    String wireName() {
        return wireName;
    }

    int defaultPort() {
        return defaultPort;
    }

    /**
     * A fresh JDBC driver of this family. Instantiated directly rather than looked up through
     * DriverManager so that no other driver on the class path can answer for our URLs.
     */
    java.sql.Driver jdbcDriver() {
        return switch (this) {
            case POSTGRES -> new org.postgresql.Driver();
            case MYSQL -> new org.mariadb.jdbc.Driver();
            case SQLITE -> new org.sqlite.JDBC();
        };
    }
}
