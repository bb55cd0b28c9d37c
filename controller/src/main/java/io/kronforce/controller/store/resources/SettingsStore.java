package io.kronforce.controller.store.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Runtime settings editable through the API (upstream's key → string table). */
public final class SettingsStore {
    private final Database db;

    public SettingsStore(Database db) {
        this.db = db;
    }

    public Map<String, String> all() {
        return db.read(this::all);
    }

    public Map<String, String> all(Connection c) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] row : Sql.list(c, "SELECT key, value FROM settings ORDER BY key", rs ->
                new String[] {rs.getString(1), rs.getString(2)})) {
            values.put(row[0], row[1]);
        }
        return values;
    }

    public Optional<String> get(String key) {
        return db.read(c -> Sql.one(c, "SELECT value FROM settings WHERE key=?", rs -> rs.getString(1), key));
    }

    public void put(Connection c, String key, String value) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO settings (key, value) VALUES (?, ?)"
                        + " ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                key,
                value);
    }
}
