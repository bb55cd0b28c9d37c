package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.listing.ExecutionQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The executions table as the API and the dashboard list and count it: filtered pages, a job's
 * summary, counts by status. Read-only, on the read pool. Apart from {@link ExecutionStore}
 * (rows as runs move through their states) because these reads build their filters from request
 * input and never take part in a write.
 */
public final class ExecutionQueryStore {
    private final Database db;

    public ExecutionQueryStore(Database db) {
        this.db = db;
    }

    /** What a job response shows about its executions, read in one go. */
    public record JobSummary(Optional<Execution> latest, long total, long succeeded, long failed) {}

    public Page<Execution> list(ExecutionQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND e.status=?");
            params.add(q.status());
        }
        if (q.sinceMs() != null) {
            where.append(" AND e.started_at_ms>=?");
            params.add(q.sinceMs());
        }
        if (q.fromMs() != null) {
            where.append(" AND e.created_at_ms>=?");
            params.add(q.fromMs());
        }
        if (q.toMs() != null) {
            where.append(" AND e.created_at_ms<?");
            params.add(q.toMs());
        }
        if (q.group() != null) {
            where.append(" AND e.job_id IN (SELECT id FROM jobs WHERE group_name=?)");
            params.add(q.group());
        }
        ScopeFilter.onJob(where, params, q.scope(), "e.job_id");
        if (q.search() != null && !q.search().isEmpty()) {
            String like = Sql.containing(q.search());
            where.append(" AND (e.job_id IN (SELECT id FROM jobs WHERE name LIKE ? ESCAPE '\\')"
                    + " OR e.stdout LIKE ? ESCAPE '\\' OR e.stderr LIKE ? ESCAPE '\\')");
            params.add(like);
            params.add(like);
            params.add(like);
        }
        return page(" FROM executions e" + where, params, q.page());
    }

    public Page<Execution> listForJob(String jobId, PageRequest page) {
        return page(" FROM executions e WHERE e.job_id=?", List.of(jobId), page);
    }

    private Page<Execution> page(String from, List<Object> params, PageRequest page) {
        return db.read(c -> {
            long total = Sql.count(c, "SELECT count(*)" + from, params.toArray());
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(page.perPage());
            pageParams.add(page.offset());
            List<Execution> rows = Sql.list(
                    c,
                    "SELECT " + prefixed() + from + " ORDER BY e.created_at_ms DESC, e.id DESC LIMIT ? OFFSET ?",
                    ExecutionStore::map,
                    pageParams.toArray());
            return page.of(rows, total);
        });
    }

    private static String prefixed() {
        return "e." + ExecutionStore.READ_COLUMNS.replace(", ", ", e.");
    }

    public JobSummary summaryForJob(String jobId) {
        return db.read(c -> {
            Optional<Execution> latest = Sql.one(
                    c,
                    "SELECT " + ExecutionStore.READ_COLUMNS + " FROM executions"
                            + " WHERE job_id=? ORDER BY created_at_ms DESC, id DESC LIMIT 1",
                    ExecutionStore::map,
                    jobId);
            if (latest.isEmpty()) {
                return new JobSummary(latest, 0, 0, 0);
            }
            long[] counts = Sql.one(
                            c,
                            "SELECT count(*), sum(status='succeeded'), sum(status IN ('failed','timed_out'))"
                                    + " FROM executions WHERE job_id=?",
                            rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                            jobId)
                    .orElse(new long[3]);
            return new JobSummary(latest, counts[0], counts[1], counts[2]);
        });
    }

    public Map<String, Long> countByStatus() {
        return countByStatus(GroupScope.ALL);
    }

    /** Run counts by status, of the jobs in {@code scope}. */
    public Map<String, Long> countByStatus(GroupScope scope) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        ScopeFilter.onJob(where, params, scope, "job_id");
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(
                    c,
                    "SELECT status, count(*) FROM executions" + where + " GROUP BY status ORDER BY status",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                    params.toArray())) {
                counts.put((String) row[0], (Long) row[1]);
            }
            return counts;
        });
    }
}
