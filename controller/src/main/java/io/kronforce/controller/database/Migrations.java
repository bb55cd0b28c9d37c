package io.kronforce.controller.database;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Logger;

/**
 * Applies {@code db/migration/V*.sql} in order, each in its own transaction, recording the
 * version in {@code schema_version}. Any error is fatal: a half-migrated database never serves.
 * The list of files is {@code db/migration/index.txt}; a file is never edited once landed.
 */
public final class Migrations {
    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());
    private static final String ROOT = "/db/migration/";

    private Migrations() {}

    /** The names of all migrations this build knows, oldest first. */
    public static List<String> known() {
        return resource("index.txt")
                .lines()
                .map(String::trim)
                .filter(l -> !l.isEmpty())
                .toList();
    }

    /** The newest version number this build knows. */
    public static int latestVersion() {
        List<String> all = known();
        return versionOf(all.get(all.size() - 1));
    }

    static void apply(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
        }
        int current = currentVersion(c);
        for (String file : known()) {
            int version = versionOf(file);
            if (version > current) {
                applyOne(c, file, version);
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void applyOne(Connection c, String file, int version) throws SQLException {
        String sql = resource(file);
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                // executeUpdate on the whole script runs every statement (sqlite3_exec semantics).
                s.executeUpdate(sql);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at_ms) VALUES (?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setString(2, file);
                    p.setLong(3, System.currentTimeMillis());
                    p.executeUpdate();
                }
                s.execute("COMMIT");
                LOG.info("applied migration " + file);
            } catch (SQLException e) {
                s.execute("ROLLBACK");
                throw new SQLException("migration " + file + " failed: " + e.getMessage(), e);
            }
        }
    }

    static int versionOf(String file) {
        return Integer.parseInt(file.substring(1, file.indexOf("__")));
    }

    private static String resource(String name) {
        try (InputStream in = Migrations.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration resource " + name, e);
        }
    }
}
