package io.kronforce.controller.store.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** Global variables. Secret values arrive here already encrypted; this class never sees keys. */
public final class VariableStore {
    private static final String COLUMNS = "name, value, secret, updated_at_ms, expires_at_ms";

    private final Database db;

    public VariableStore(Database db) {
        this.db = db;
    }

    /** A stored variable; {@code value} is ciphertext ({@code enc:…}) for secrets when a key is set. */
    public record StoredVariable(String name, String value, boolean secret, long updatedAtMs, Long expiresAtMs) {}

    public void insert(Connection c, StoredVariable v) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO variables (" + COLUMNS + ") VALUES (?,?,?,?,?)",
                v.name(),
                v.value(),
                v.secret(),
                v.updatedAtMs(),
                v.expiresAtMs());
    }

    /** Inserts or replaces a variable whole (an import restores value, secrecy, times). */
    public void put(Connection c, StoredVariable v) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO variables (" + COLUMNS + ") VALUES (?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET"
                        + " value=excluded.value, secret=excluded.secret, updated_at_ms=excluded.updated_at_ms,"
                        + " expires_at_ms=excluded.expires_at_ms",
                v.name(),
                v.value(),
                v.secret(),
                v.updatedAtMs(),
                v.expiresAtMs());
    }

    public boolean updateValue(Connection c, String name, String value, long atMs) throws SQLException {
        return Sql.update(c, "UPDATE variables SET value=?, updated_at_ms=? WHERE name=?", value, atMs, name) == 1;
    }

    public boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM variables WHERE name=?", name) == 1;
    }

    public Optional<StoredVariable> find(String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM variables WHERE name=?", VariableStore::map, name));
    }

    public Optional<StoredVariable> find(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM variables WHERE name=?", VariableStore::map, name);
    }

    public List<StoredVariable> list() {
        return db.read(this::list);
    }

    public List<StoredVariable> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM variables ORDER BY name", VariableStore::map);
    }

    private static StoredVariable map(ResultSet rs) throws SQLException {
        return new StoredVariable(
                rs.getString("name"),
                rs.getString("value"),
                rs.getInt("secret") == 1,
                rs.getLong("updated_at_ms"),
                Sql.nullableLong(rs, "expires_at_ms"));
    }
}
