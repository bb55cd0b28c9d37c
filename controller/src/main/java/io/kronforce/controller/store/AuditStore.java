package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.domain.listing.AuditQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The append-only audit log (a trigger refuses updates; only retention deletes). */
public final class AuditStore {
    private static final String COLUMNS =
            "id, timestamp_ms, actor_key_id, actor_key_name, operation, resource_type, resource_id, details";

    private final Database db;

    public AuditStore(Database db) {
        this.db = db;
    }

    public void insert(Connection c, AuditEntry e) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO audit_log (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?)",
                e.id(),
                e.timestampMs(),
                e.actorKeyId(),
                e.actorKeyName(),
                e.operation(),
                e.resourceType(),
                e.resourceId(),
                e.details());
    }

    public Page<AuditEntry> list(AuditQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (q.operation() != null) {
            where.append(" AND operation=?");
            params.add(q.operation());
        }
        if (q.actor() != null) {
            where.append(" AND actor_key_name LIKE ? ESCAPE '\\'");
            params.add(Sql.containing(q.actor()));
        }
        if (q.sinceMs() != null) {
            where.append(" AND timestamp_ms>=?");
            params.add(q.sinceMs());
        }
        if (q.resourceType() != null) {
            where.append(" AND resource_type=?");
            params.add(q.resourceType());
        }
        if (q.resourceId() != null) {
            where.append(" AND resource_id=?");
            params.add(q.resourceId());
        }
        if (q.actorSuffix() != null) {
            where.append(" AND actor_key_name LIKE ? ESCAPE '\\'");
            String containing = Sql.containing(q.actorSuffix());
            params.add(containing.substring(0, containing.length() - 1)); // "%suffix": ends with
        }
        return db.read(c -> {
            long total = Sql.count(c, "SELECT count(*) FROM audit_log" + where, params.toArray());
            params.add(q.page().perPage());
            params.add(q.page().offset());
            List<AuditEntry> rows = Sql.list(
                    c,
                    "SELECT " + COLUMNS + " FROM audit_log" + where
                            + " ORDER BY timestamp_ms DESC, id DESC LIMIT ? OFFSET ?",
                    AuditStore::map,
                    params.toArray());
            return q.page().of(rows, total);
        });
    }

    /** Deletes at most {@code limit} audit rows older than the cut-off (retention, in short transactions). */
    public int deleteBefore(Connection c, long cutoffMs, int limit) throws SQLException {
        return Sql.update(
                c,
                "DELETE FROM audit_log WHERE rowid IN (SELECT rowid FROM audit_log WHERE timestamp_ms < ? LIMIT ?)",
                cutoffMs,
                limit);
    }

    private static AuditEntry map(ResultSet rs) throws SQLException {
        return new AuditEntry(
                rs.getString("id"),
                rs.getLong("timestamp_ms"),
                rs.getString("actor_key_id"),
                rs.getString("actor_key_name"),
                rs.getString("operation"),
                rs.getString("resource_type"),
                rs.getString("resource_id"),
                rs.getString("details"));
    }
}
