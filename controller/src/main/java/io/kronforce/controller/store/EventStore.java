package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.listing.EventQuery;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The events feed. {@code execution.completed} is unique per execution (see V0001). */
public final class EventStore {
    private static final String COLUMNS =
            "id, kind, severity, message, job_id, agent_id, api_key_id, api_key_name, execution_id, details, timestamp_ms";

    private final Database db;

    public EventStore(Database db) {
        this.db = db;
    }

    /**
     * Inserts an event; false when it repeats a once-per-execution kind ({@code execution.completed},
     * {@code sla.warning}, {@code sla.breach}; index {@code events_once_per_execution}).
     */
    public boolean insert(Connection c, Event e) throws SQLException {
        // Ids are random UUIDs, so the only uniqueness an insert can hit is the once-per-execution index.
        return Sql.update(
                        c,
                        "INSERT INTO events (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)"
                                + " ON CONFLICT DO NOTHING",
                        e.id(),
                        e.kind(),
                        e.severity(),
                        e.message(),
                        e.jobId(),
                        e.agentId(),
                        e.apiKeyId(),
                        e.apiKeyName(),
                        e.executionId(),
                        e.details(),
                        e.timestampMs())
                == 1;
    }

    /** Events of the given kinds at or after {@code sinceMs}, oldest first, at most {@code limit} (index on time). */
    public List<Event> since(long sinceMs, java.util.Collection<String> kinds, int limit) {
        String in = String.join(",", java.util.Collections.nCopies(kinds.size(), "?"));
        List<Object> params = new ArrayList<>();
        params.add(sinceMs);
        params.addAll(kinds);
        params.add(limit);
        return db.read(c -> Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM events WHERE timestamp_ms >= ? AND kind IN (" + in
                        + ") ORDER BY timestamp_ms, id LIMIT ?",
                EventStore::map,
                params.toArray()));
    }

    public Page<Event> list(Long sinceMs, PageRequest page) {
        return list(new EventQuery(sinceMs, List.of(), null, null, page));
    }

    /** Newest first; each filter has an index to start from (V0071). */
    public Page<Event> list(EventQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (q.sinceMs() != null) {
            where.append(" AND timestamp_ms >= ?");
            params.add(q.sinceMs());
        }
        if (!q.severities().isEmpty()) {
            where.append(" AND severity IN (")
                    .append(String.join(
                            ",", java.util.Collections.nCopies(q.severities().size(), "?")))
                    .append(")");
            params.addAll(q.severities());
        }
        if (q.jobId() != null) {
            where.append(" AND job_id = ?");
            params.add(q.jobId());
        }
        ScopeFilter.onJob(where, params, q.scope(), "job_id");
        if (q.kind() != null) {
            if (q.kind().endsWith(".")) {
                where.append(" AND kind LIKE ? ESCAPE '\\'");
                params.add(q.kind().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            } else {
                where.append(" AND kind = ?");
                params.add(q.kind());
            }
        }
        return db.read(c -> {
            long total = Sql.count(c, "SELECT count(*) FROM events" + where, params.toArray());
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(q.page().perPage());
            pageParams.add(q.page().offset());
            List<Event> rows = Sql.list(
                    c,
                    "SELECT " + COLUMNS + " FROM events" + where
                            + " ORDER BY timestamp_ms DESC, id DESC LIMIT ? OFFSET ?",
                    EventStore::map,
                    pageParams.toArray());
            return q.page().of(rows, total);
        });
    }

    public List<Event> forExecution(String executionId) {
        return db.read(c -> Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM events WHERE execution_id=? ORDER BY timestamp_ms",
                EventStore::map,
                executionId));
    }

    /** Deletes at most {@code limit} events older than the cut-off (retention, in short transactions). */
    public int deleteBefore(Connection c, long cutoffMs, int limit) throws SQLException {
        return Sql.update(
                c,
                "DELETE FROM events WHERE rowid IN (SELECT rowid FROM events WHERE timestamp_ms < ? LIMIT ?)",
                cutoffMs,
                limit);
    }

    private static Event map(ResultSet rs) throws SQLException {
        return new Event(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("severity"),
                rs.getString("message"),
                rs.getString("job_id"),
                rs.getString("agent_id"),
                rs.getString("api_key_id"),
                rs.getString("api_key_name"),
                rs.getString("execution_id"),
                rs.getString("details"),
                rs.getLong("timestamp_ms"));
    }
}
