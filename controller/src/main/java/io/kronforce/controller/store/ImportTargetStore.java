package io.kronforce.controller.store;

import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a database about to receive an upstream migration already holds: the migration refuses a
 * target with any of these rows (API keys and settings excepted), so it never merges two histories.
 */
public final class ImportTargetStore {
    private static final List<String> TABLES =
            List.of("jobs", "executions", "variables", "connections", "scripts", "agents", "job_groups");

    /** The tables among {@link #TABLES} that hold rows, with their counts. */
    public Map<String, Long> occupied(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String table : TABLES) {
            long n = Sql.count(c, "SELECT count(*) FROM " + table);
            if (n > 0) {
                out.put(table, n);
            }
        }
        return out;
    }

    /** Whether an API key with this hash is already stored (active or not). */
    public boolean hasKeyHash(Connection c, String hash) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM api_keys WHERE key_hash=?", hash) > 0;
    }
}
