package io.kronforce.controller.store.resources;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.listing.JobTemplate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** The {@code job_templates} table: templates keyed by name. */
public final class TemplateStore {
    private static final String COLUMNS = "name, description, snapshot_json, created_by, created_at_ms";

    private final Database db;

    public TemplateStore(Database db) {
        this.db = db;
    }

    /** Inserts or replaces the template of that name, as upstream's save does. */
    public void save(Connection c, JobTemplate t) throws SQLException {
        Sql.update(
                c,
                "INSERT OR REPLACE INTO job_templates (" + COLUMNS + ") VALUES (?,?,?,?,?)",
                t.name(),
                t.description(),
                t.snapshot().toString(),
                t.createdBy(),
                t.createdAtMs());
    }

    public boolean delete(Connection c, String name) throws SQLException {
        return Sql.update(c, "DELETE FROM job_templates WHERE name=?", name) == 1;
    }

    public Optional<JobTemplate> find(String name) {
        return db.read(
                c -> Sql.one(c, "SELECT " + COLUMNS + " FROM job_templates WHERE name=?", TemplateStore::map, name));
    }

    public List<JobTemplate> list() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM job_templates ORDER BY name", TemplateStore::map));
    }

    private static JobTemplate map(ResultSet rs) throws SQLException {
        return new JobTemplate(
                rs.getString("name"),
                rs.getString("description"),
                (ObjectNode) Json.read(rs.getString("snapshot_json")),
                rs.getString("created_by"),
                rs.getLong("created_at_ms"));
    }
}
