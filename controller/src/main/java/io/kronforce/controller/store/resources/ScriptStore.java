package io.kronforce.controller.store.resources;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.listing.ScriptSummary;
import io.kronforce.controller.domain.listing.StoredScript;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** StoredScript scripts: code for {@code script} tasks and Dockerfiles for {@code docker_build} tasks. */
public final class ScriptStore {
    private static final String SUMMARY = "name, script_type, size_bytes, created_at_ms, updated_at_ms";

    private final Database db;

    public ScriptStore(Database db) {
        this.db = db;
    }

    /** Inserts or replaces the code and type; the creation time of an existing script is kept. */
    public void save(Connection c, String name, String type, String code, long sizeBytes, long atMs)
            throws SQLException {
        Sql.update(
                c,
                "INSERT INTO scripts (name, script_type, code, size_bytes, created_at_ms, updated_at_ms)"
                        + " VALUES (?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET script_type=excluded.script_type,"
                        + " code=excluded.code, size_bytes=excluded.size_bytes, updated_at_ms=excluded.updated_at_ms",
                name,
                type,
                code,
                sizeBytes,
                atMs,
                atMs);
    }

    public boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM scripts WHERE name=?", name) == 1;
    }

    public Optional<StoredScript> find(String name) {
        return db.read(c -> Sql.one(
                c,
                "SELECT " + SUMMARY + ", code FROM scripts WHERE name=?",
                rs -> new StoredScript(summary(rs), rs.getString("code")),
                name));
    }

    public List<ScriptSummary> list() {
        return db.read(this::list);
    }

    public List<ScriptSummary> list(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + SUMMARY + " FROM scripts ORDER BY name", ScriptStore::summary);
    }

    /** Every script with its code, by name (an export). */
    public List<StoredScript> all(Connection c) throws SQLException {
        return Sql.list(
                c,
                "SELECT " + SUMMARY + ", code FROM scripts ORDER BY name",
                rs -> new StoredScript(summary(rs), rs.getString("code")));
    }

    private static ScriptSummary summary(ResultSet rs) throws SQLException {
        return new ScriptSummary(
                rs.getString("name"),
                rs.getString("script_type"),
                rs.getLong("size_bytes"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"));
    }
}
