package io.kronforce.bench.peers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Locale;
import org.quartz.Scheduler;

/**
 * Quartz ships no SQLite schema. Its PostgreSQL script, read from the quartz jar at run time,
 * works on SQLite once its one foreign type, BYTEA, is read as BLOB.
 */
final class QuartzSqliteSchema {

    private static final String SCRIPT = "/org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    private QuartzSqliteSchema() {}

    static void create(Path file) throws IOException, SQLException {
        try (Connection connection = DriverManager.getConnection(SqliteFiles.url(file));
                Statement statement = connection.createStatement()) {
            for (String sql : statements()) {
                statement.execute(sql);
            }
        }
    }

    private static String[] statements() throws IOException {
        String script;
        try (InputStream in = Scheduler.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IOException("not in the quartz jar: " + SCRIPT);
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String withoutComments = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .reduce("", (all, line) -> all + line + "\n");
        return Arrays.stream(withoutComments.split(";"))
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .filter(sql -> !sql.toUpperCase(Locale.ROOT).startsWith("DROP"))
                .filter(sql -> !sql.toUpperCase(Locale.ROOT).startsWith("COMMIT"))
                .map(sql -> sql.replace("BYTEA", "BLOB"))
                .toArray(String[]::new);
    }
}
