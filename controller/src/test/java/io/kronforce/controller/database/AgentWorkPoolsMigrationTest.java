package io.kronforce.controller.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V0040 rebuilds agent_work: rows queued before it keep everything and get their pool and queue time. */
class AgentWorkPoolsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void existingRowsGetThePoolOfTheirTargetAndTheirCreationAsQueueTime() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("old.db"))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA foreign_keys=OFF"); // rows without their executions: only agent_work matters here
                s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description TEXT NOT NULL,"
                        + " applied_at_ms INTEGER NOT NULL)");
                for (String file : Migrations.known()) {
                    int version = Migrations.versionOf(file);
                    if (version < 40) {
                        s.executeUpdate(resource(file));
                        s.execute("INSERT INTO schema_version VALUES (" + version + ", '" + file + "', 0)");
                    }
                }
                insert(s, "w1", "{\"type\":\"tagged\",\"tag\":\"gpu\"}", 100);
                insert(s, "w2", "{\"type\":\"any\"}", 200);
                insert(s, "w3", "{\"type\":\"agent\",\"agent_id\":\"a\"}", 300);
            }
            Migrations.apply(c);
            Map<String, String> pools = new HashMap<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT id, pool, agent_id, queued_at_ms, created_at_ms FROM agent_work")) {
                while (rs.next()) {
                    pools.put(rs.getString("id"), rs.getString("pool"));
                    assertEquals(rs.getLong("created_at_ms"), rs.getLong("queued_at_ms"));
                    assertEquals("a", rs.getString("agent_id"));
                }
            }
            assertEquals("gpu", pools.get("w1"));
            assertEquals("any", pools.get("w2"));
            assertNull(pools.get("w3"));
            assertEquals(3, pools.size());
        }
    }

    private static void insert(Statement s, String id, String target, long createdAt) throws SQLException {
        s.execute("INSERT INTO agent_work (id, execution_id, job_id, agent_id, mode, target_json, task_type, status,"
                + " attempt, created_at_ms) VALUES ('" + id + "', 'e-" + id + "', 'j', 'a', 'pull', '" + target
                + "', 'shell', 'pending', 0, " + createdAt + ")");
    }

    private static String resource(String file) throws IOException {
        try (InputStream in = Migrations.class.getResourceAsStream("/db/migration/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
