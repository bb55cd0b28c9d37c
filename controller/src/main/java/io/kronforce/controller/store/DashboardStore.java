package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.GroupScope;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's aggregate reads: executions per minute, per job and status, the latest statuses
 * of each job, jobs by schedule kind. Every range read starts from an index on time (V0071).
 */
public final class DashboardStore {
    private final Database db;

    public DashboardStore(Database db) {
        this.db = db;
    }

    /** Executions that started in one minute with one status. */
    public record MinuteCount(long minuteMs, String status, long count) {}

    /** Executions of one job with one status. */
    public record JobStatusCount(String jobName, String status, long count) {}

    /** One recent run of a job. */
    public record RecentStatus(String status, Long startedAtMs) {}

    /**
     * Counts by start minute and status of executions started in {@code [fromMs, toMs)} of jobs in {@code scope};
     * one job when not null.
     */
    public List<MinuteCount> perMinute(long fromMs, long toMs, String jobId, GroupScope scope) {
        StringBuilder where = new StringBuilder(jobId == null ? "" : " AND job_id=?");
        List<Object> params = new ArrayList<>(List.of(fromMs, toMs));
        if (jobId != null) {
            params.add(jobId);
        }
        ScopeFilter.onJob(where, params, scope, "job_id");
        return db.read(c -> Sql.list(
                c,
                "SELECT started_at_ms / 60000 * 60000 AS minute, status, count(*)"
                        + " FROM executions WHERE started_at_ms >= ? AND started_at_ms < ?" + where
                        + " GROUP BY minute, status ORDER BY minute",
                rs -> new MinuteCount(rs.getLong(1), rs.getString(2), rs.getLong(3)),
                params.toArray()));
    }

    /** Counts by job name and status of executions started in {@code [fromMs, toMs)} of jobs in {@code scope}. */
    public List<JobStatusCount> perJob(long fromMs, long toMs, GroupScope scope) {
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>(List.of(fromMs, toMs));
        ScopeFilter.onGroup(where, params, scope, "j.group_name");
        return db.read(c -> Sql.list(
                c,
                "SELECT j.name, e.status, count(*) AS n FROM executions e"
                        + " JOIN jobs j ON j.id = e.job_id WHERE e.started_at_ms >= ? AND e.started_at_ms < ?"
                        + where
                        + " GROUP BY j.name, e.status ORDER BY n DESC, j.name, e.status",
                rs -> new JobStatusCount(rs.getString(1), rs.getString(2), rs.getLong(3)),
                params.toArray()));
    }

    /**
     * The latest {@code limit} runs of each job, newest first, leaving out runs that have not started
     * their life yet ({@code pending}, {@code pending_approval}); jobs without such runs are left out.
     * {@code jobIds} empty: every job.
     * One indexed probe per job (executions_job_created), not a scan of all executions.
     */
    public Map<String, List<RecentStatus>> recentStatuses(List<String> jobIds, int limit) {
        return db.read(c -> {
            List<String> ids =
                    jobIds.isEmpty() ? Sql.list(c, "SELECT id FROM jobs ORDER BY name", rs -> rs.getString(1)) : jobIds;
            Map<String, List<RecentStatus>> out = new LinkedHashMap<>();
            for (String id : ids) {
                List<RecentStatus> runs = Sql.list(
                        c,
                        "SELECT status, started_at_ms FROM executions WHERE job_id=?"
                                + " AND status NOT IN ('pending', 'pending_approval')"
                                + " ORDER BY created_at_ms DESC, id DESC LIMIT ?",
                        rs -> new RecentStatus(rs.getString(1), Sql.nullableLong(rs, "started_at_ms")),
                        id,
                        limit);
                if (!runs.isEmpty()) {
                    out.put(id, runs);
                }
            }
            return out;
        });
    }

    /** Job counts by schedule kind ({@code spec_json.schedule.type}). */
    public Map<String, Long> jobsByScheduleKind(GroupScope scope) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        ScopeFilter.onGroup(where, params, scope, "group_name");
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(
                    c,
                    "SELECT json_extract(spec_json, '$.schedule.type') k, count(*) FROM jobs" + where
                            + " GROUP BY k ORDER BY k",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                    params.toArray())) {
                counts.put(String.valueOf(row[0]), (Long) row[1]);
            }
            return counts;
        });
    }

    /** A run that did not simply run: skipped, queued, awaiting approval, or a retry attempt. */
    public record NotableRun(
            String id,
            String status,
            String reason,
            long createdAtMs,
            Long scheduledForMs,
            int attempt,
            String retryOf) {}

    /**
     * A job's runs recorded in {@code [fromMs, untilMs)} that were skipped, queued, held for approval
     * or are retry attempts, newest first, at most {@code limit}. Starts from executions_job_created.
     */
    public List<NotableRun> notableRuns(String jobId, long fromMs, long untilMs, int limit) {
        return db.read(c -> Sql.list(
                c,
                "SELECT id, status, substr(stderr, 1, 500) AS reason, created_at_ms,"
                        + " scheduled_for_ms, attempt_number, retry_of FROM executions"
                        + " WHERE job_id=? AND created_at_ms >= ? AND created_at_ms < ?"
                        + " AND (status IN ('skipped', 'queued', 'pending_approval') OR attempt_number > 1)"
                        + " ORDER BY created_at_ms DESC, id DESC LIMIT ?",
                rs -> new NotableRun(
                        rs.getString("id"),
                        rs.getString("status"),
                        rs.getString("reason"),
                        rs.getLong("created_at_ms"),
                        Sql.nullableLong(rs, "scheduled_for_ms"),
                        rs.getInt("attempt_number"),
                        rs.getString("retry_of")),
                jobId,
                fromMs,
                untilMs,
                limit));
    }

    /** A job's events of the given kinds in {@code [fromMs, untilMs)}, newest first (index events_job_time). */
    public List<io.kronforce.controller.domain.Event> jobEvents(
            String jobId, java.util.Collection<String> kinds, long fromMs, long untilMs, int limit) {
        String in = String.join(",", java.util.Collections.nCopies(kinds.size(), "?"));
        List<Object> params = new ArrayList<>(List.of(jobId, fromMs, untilMs));
        params.addAll(kinds);
        params.add(limit);
        return db.read(c -> Sql.list(
                c,
                "SELECT id, kind, severity, message, job_id, agent_id, api_key_id, api_key_name,"
                        + " execution_id, details, timestamp_ms FROM events WHERE job_id=? AND timestamp_ms >= ?"
                        + " AND timestamp_ms < ? AND kind IN (" + in + ") ORDER BY timestamp_ms DESC, id DESC LIMIT ?",
                rs -> new io.kronforce.controller.domain.Event(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9),
                        rs.getString(10),
                        rs.getLong(11)),
                params.toArray()));
    }
}
