package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the timers read and write of the jobs table: the scheduler's persisted next fire and the
 * compare-and-set that moves it, the priorities that order one step's fires, and the jobs with an
 * SLA. Apart from {@link JobStore} (jobs as the API edits them) because these reads go through the
 * partial indexes that keep a start and a step from touching every job.
 */
public final class JobPlanStore {
    /** Ids bound per {@code IN (…)} list: well under SQLite's parameter limit, few statements per scheduler step. */
    private static final int IN_CHUNK = 500;

    private final Database db;
    private final JobRowCache rows;

    public JobPlanStore(Database db) {
        this.db = db;
        this.rows = db.shared(JobRowCache.class, JobRowCache::new);
    }

    /** A job with its persisted next fire time (null: nothing planned). */
    public record Planned(Job job, Long nextFireMs) {}

    /** A scheduled job's persisted next fire. */
    public record NextFire(String jobId, long atMs) {}

    public Optional<Planned> findPlanned(String id) {
        return db.read(c -> Sql.one(
                c,
                "SELECT " + JobStore.COLUMNS + ", next_fire_ms FROM jobs WHERE id=?",
                rs -> new Planned(JobStore.map(rs), Sql.nullableLong(rs, "next_fire_ms")),
                id));
    }

    /** Several jobs with their persisted next fires, by id, in a few {@code IN (…)} reads; absent ids are missing. */
    public Map<String, Planned> findPlanned(List<String> ids) {
        Map<String, Planned> out = new HashMap<>();
        db.read(c -> inChunks(
                        c,
                        "SELECT " + JobStore.COLUMNS + ", next_fire_ms FROM jobs WHERE id IN",
                        ids,
                        rs -> new Planned(JobStore.map(rs), Sql.nullableLong(rs, "next_fire_ms"))))
                .forEach(p -> out.put(p.job().id(), p));
        return out;
    }

    /** {@code select (?,?,…)} over {@code ids} in chunks of {@value #IN_CHUNK}, the rows of every chunk together. */
    private static <T> List<T> inChunks(Connection c, String select, List<String> ids, Sql.RowMapper<T> mapper)
            throws SQLException {
        List<T> rows = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + IN_CHUNK));
            String marks = String.join(",", Collections.nCopies(chunk.size(), "?"));
            rows.addAll(Sql.list(c, select + " (" + marks + ")", mapper, chunk.toArray()));
        }
        return rows;
    }

    /**
     * Every scheduled job's next fire, read from the covering partial index {@code jobs_plan} alone
     * (V0072): at a million jobs a start reads the index, not the table.
     */
    public List<NextFire> nextFires() {
        return db.read(c -> Sql.list(
                c,
                "SELECT id, next_fire_ms FROM jobs INDEXED BY jobs_plan WHERE next_fire_ms IS NOT NULL"
                        + " AND status='scheduled'",
                rs -> new NextFire(rs.getString(1), rs.getLong(2))));
    }

    /**
     * Scheduled jobs with nothing planned that may need a plan: a timed schedule or an expiry.
     * Read through the partial index {@code jobs_unplanned} (V0072), named because the planner would
     * otherwise take {@code jobs_status_name} and read every scheduled job's JSON; in steady state it
     * returns only interval jobs whose run is active and cron/calendar jobs with no fire within their
     * horizon (re-planned at load, cheaply), after looking at the on-demand and event jobs.
     */
    public List<String> unplannedIds() {
        return db.read(c -> Sql.list(
                c,
                "SELECT id FROM jobs INDEXED BY jobs_unplanned WHERE next_fire_ms IS NULL AND status='scheduled'"
                        + " AND (json_extract(spec_json, '$.schedule.type') IN ('cron','calendar','one_shot','interval')"
                        + " OR json_extract(spec_json, '$.expires_at') IS NOT NULL)",
                rs -> rs.getString(1)));
    }

    /**
     * Moves a job's plan from {@code expectedNext} to {@code next} (and sets its status) if neither
     * the job nor its plan changed since they were read; false when someone else got there first.
     */
    public boolean advancePlan(Connection c, String id, int version, Long expectedNext, Long next, JobStatus status)
            throws SQLException {
        boolean applied = Sql.update(
                        c,
                        "UPDATE jobs SET next_fire_ms=?, status=? WHERE id=? AND version=? AND next_fire_ms IS ?",
                        next,
                        status.wire(),
                        id,
                        version,
                        expectedNext)
                == 1;
        if (applied && status != JobStatus.SCHEDULED) {
            // The plan itself is not part of a job as read; only ending its schedule changes what a read sees.
            // (A scheduled job's version matched, so it was scheduled already: any other status bumps the version.)
            db.afterTransaction(() -> rows.forget(id));
        }
        return applied;
    }

    /** The {@code priority} of each job (0 when unset): one read, {@value #IN_CHUNK} ids per statement. */
    public Map<String, Integer> prioritiesOf(List<String> ids) {
        Map<String, Integer> out = new HashMap<>();
        db.read(c -> inChunks(
                        c,
                        "SELECT id, COALESCE(json_extract(spec_json, '$.priority'), 0) FROM jobs WHERE id IN",
                        ids,
                        rs -> Map.entry(rs.getString(1), rs.getInt(2))))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Ids of jobs with an SLA deadline (partial index {@code jobs_with_sla}: no scan of every job's JSON). */
    public List<String> withSla() {
        return db.read(c -> Sql.list(
                c,
                "SELECT id FROM jobs WHERE json_extract(spec_json, '$.sla_deadline') IS NOT NULL",
                rs -> rs.getString(1)));
    }
}
