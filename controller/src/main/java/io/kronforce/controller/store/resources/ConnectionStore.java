package io.kronforce.controller.store.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Named connections. The config arrives here already sealed when a key is set; this class never sees keys. */
public final class ConnectionStore {
    private static final String COLUMNS = "name, conn_type, description, config_json, created_at_ms, updated_at_ms";

    private final Database db;

    public ConnectionStore(Database db) {
        this.db = db;
    }

    /** A stored connection; {@code config} is the JSON text, or {@code enc:…} when sealed. */
    public record Stored(
            String name, String type, String description, String config, long createdAtMs, long updatedAtMs) {}

    public void insert(Connection c, Stored s) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO connections (" + COLUMNS + ") VALUES (?,?,?,?,?,?)",
                s.name(),
                s.type(),
                s.description(),
                s.config(),
                s.createdAtMs(),
                s.updatedAtMs());
    }

    public boolean update(Connection c, Stored s) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE connections SET conn_type=?, description=?, config_json=?, updated_at_ms=?"
                                + " WHERE name=?",
                        s.type(),
                        s.description(),
                        s.config(),
                        s.updatedAtMs(),
                        s.name())
                == 1;
    }

    public boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM connections WHERE name=?", name) == 1;
    }

    public Optional<Stored> find(String name) {
        return db.read(
                c -> Sql.one(c, "SELECT " + COLUMNS + " FROM connections WHERE name=?", ConnectionStore::map, name));
    }

    public List<Stored> all() {
        return db.read(this::all);
    }

    public List<Stored> all(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM connections ORDER BY name", ConnectionStore::map);
    }

    private static Stored map(ResultSet rs) throws SQLException {
        return new Stored(
                rs.getString("name"),
                rs.getString("conn_type"),
                rs.getString("description"),
                rs.getString("config_json"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"));
    }
}
