package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.GroupScope;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.listing.JobQuery;
import io.kronforce.controller.domain.listing.JobVersion;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Jobs and their versions. Writes take the writer's connection so callers compose one transaction.
 * What the timers read and write of a job (its plan, priority, SLA) is {@link JobPlanStore}'s.
 */
public final class JobStore {
    // The webhook's token prefix rides along (webhooks keep only a hash of the token, V0011).
    static final String COLUMNS = "id, name, spec_json, status, created_by, created_at_ms, updated_at_ms,"
            + " version, (SELECT token_prefix FROM webhooks w WHERE w.job_id = jobs.id) AS webhook_prefix";

    private final Database db;
    private final JobRowCache rows;

    public JobStore(Database db) {
        this.db = db;
        this.rows = db.shared(JobRowCache.class, JobRowCache::new);
    }

    public void insert(Connection c, Job job) throws SQLException {
        insert(c, job, null);
    }

    /** Inserts a job with its first planned fire ({@code nextFireMs} null: the scheduler plans it). */
    public void insert(Connection c, Job job, Long nextFireMs) throws SQLException {
        String spec = stored(job);
        forgetAfter(job.id());
        Sql.update(
                c,
                "INSERT INTO jobs (id, name, group_name, status, spec_json, created_by, created_at_ms,"
                        + " updated_at_ms, version, next_fire_ms) VALUES (?,?,?,?,?,?,?,?,?,?)",
                job.id(),
                job.name(),
                job.group(),
                job.status().wire(),
                spec,
                job.createdBy(),
                job.createdAtMs(),
                job.updatedAtMs(),
                job.version(),
                nextFireMs);
    }

    /**
     * Replaces a job if it is still at {@code expectedVersion} (false when someone got there first),
     * with its new plan: {@code nextFireMs}, or null to clear it for the scheduler to re-plan after the
     * commit (or at start).
     */
    public boolean update(Connection c, Job job, int expectedVersion, Long nextFireMs) throws SQLException {
        String spec = stored(job);
        forgetAfter(job.id());
        return Sql.update(
                        c,
                        "UPDATE jobs SET name=?, group_name=?, status=?, spec_json=?, updated_at_ms=?, version=?,"
                                + " next_fire_ms=? WHERE id=? AND version=?",
                        job.name(),
                        job.group(),
                        job.status().wire(),
                        spec,
                        job.updatedAtMs(),
                        job.version(),
                        nextFireMs,
                        job.id(),
                        expectedVersion)
                == 1;
    }

    public boolean delete(Connection c, String id) throws SQLException {
        forgetAfter(id);
        return Sql.update(c, "DELETE FROM jobs WHERE id=?", id) == 1;
    }

    public void insertVersion(Connection c, Job job, String keyId, String keyName, long atMs) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO job_versions (job_id, version, snapshot_json, changed_by_key_id, changed_by_name,"
                        + " created_at_ms) VALUES (?,?,?,?,?,?)",
                job.id(),
                job.version(),
                job.toJson().toString(),
                keyId,
                keyName,
                atMs);
    }

    /** The job as stored, from memory when no write changed it since it was last read (see {@link JobRowCache}). */
    public Optional<Job> findById(String id) {
        Optional<Job> known = rows.get(id);
        if (known.isPresent()) {
            return known;
        }
        long readAt = rows.generation();
        Optional<Job> read = db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM jobs WHERE id=?", JobStore::map, id));
        read.ifPresent(job -> rows.keep(job, readAt));
        return read;
    }

    /** Inside a write that changes the job's row: its cached copy goes when the transaction ends. */
    private void forgetAfter(String jobId) {
        db.afterTransaction(() -> rows.forget(jobId));
    }

    public Optional<Job> findById(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM jobs WHERE id=?", JobStore::map, id);
    }

    /** Every job of a group, by name (the group's pipeline fires its roots). */
    public List<Job> inGroup(String group) {
        return db.read(c ->
                Sql.list(c, "SELECT " + COLUMNS + " FROM jobs WHERE group_name=? ORDER BY name", JobStore::map, group));
    }

    public Optional<Job> findByName(String name) {
        return db.read(c -> Sql.one(c, "SELECT " + COLUMNS + " FROM jobs WHERE name=?", JobStore::map, name));
    }

    public Page<Job> list(JobQuery q) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        if (q.status() != null) {
            where.append(" AND status=?");
            params.add(q.status());
        }
        if (q.group() != null) {
            where.append(" AND group_name=?");
            params.add(q.group());
        }
        ScopeFilter.onGroup(where, params, q.scope(), "group_name");
        if (q.search() != null && !q.search().isEmpty()) {
            where.append(" AND (name LIKE ? ESCAPE '\\' OR json_extract(spec_json, '$.task') LIKE ? ESCAPE '\\')");
            String like = Sql.containing(q.search());
            params.add(like);
            params.add(like);
        }
        return db.read(c -> {
            long total = Sql.count(c, "SELECT count(*) FROM jobs" + where, params.toArray());
            List<Object> pageParams = new ArrayList<>(params);
            pageParams.add(q.page().perPage());
            pageParams.add(q.page().offset());
            List<Job> rows = Sql.list(
                    c,
                    "SELECT " + COLUMNS + " FROM jobs" + where + " ORDER BY name LIMIT ? OFFSET ?",
                    JobStore::map,
                    pageParams.toArray());
            return q.page().of(rows, total);
        });
    }

    /**
     * Every job's dependency ids, for the cycle check; only jobs that have dependencies, read through
     * the partial index {@code jobs_with_dependencies} (V0072) rather than every job's JSON.
     */
    public Map<String, List<String>> dependencyGraph(Connection c) throws SQLException {
        Map<String, List<String>> graph = new HashMap<>();
        for (String[] row : Sql.list(
                c,
                "SELECT id, json_extract(spec_json, '$.depends_on') FROM jobs INDEXED BY jobs_with_dependencies"
                        + " WHERE json_array_length(spec_json, '$.depends_on') > 0",
                rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            List<String> deps = new ArrayList<>();
            Json.read(row[1]).forEach(d -> deps.add(d.path("job_id").asText()));
            graph.put(row[0], deps);
        }
        return graph;
    }

    public boolean exists(Connection c, String id) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM jobs WHERE id=?", id) > 0;
    }

    public Map<String, String> namesOf(List<String> ids) {
        return db.read(c -> {
            Map<String, String> names = new LinkedHashMap<>();
            for (String id : ids) {
                Sql.one(c, "SELECT name FROM jobs WHERE id=?", rs -> rs.getString(1), id)
                        .ifPresent(n -> names.put(id, n));
            }
            return names;
        });
    }

    /** Job counts by task type, for metrics. */
    public Map<String, Long> countByTaskType() {
        return countByTaskType(GroupScope.ALL);
    }

    /** Job counts by task type, of the jobs in {@code scope}. */
    public Map<String, Long> countByTaskType(GroupScope scope) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        ScopeFilter.onGroup(where, params, scope, "group_name");
        return db.read(c -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            for (Object[] row : Sql.list(
                    c,
                    "SELECT json_extract(spec_json, '$.task.type') t, count(*) FROM jobs" + where
                            + " GROUP BY t ORDER BY t",
                    rs -> new Object[] {rs.getString(1), rs.getLong(2)},
                    params.toArray())) {
                counts.put(String.valueOf(row[0]), (Long) row[1]);
            }
            return counts;
        });
    }

    public long count() {
        return db.read(c -> Sql.count(c, "SELECT count(*) FROM jobs"));
    }

    public long countGroups() {
        return db.read(c -> Sql.count(c, "SELECT count(DISTINCT group_name) FROM jobs"));
    }

    public List<JobVersion> versions(String jobId) {
        return db.read(c -> Sql.list(
                c,
                "SELECT " + VERSION_COLUMNS + " FROM job_versions WHERE job_id=? ORDER BY version DESC",
                rs -> version(jobId, rs),
                jobId));
    }

    /** One stored version of a job. */
    public Optional<JobVersion> version(String jobId, int version) {
        return db.read(c -> Sql.one(
                c,
                "SELECT " + VERSION_COLUMNS + " FROM job_versions WHERE job_id=? AND version=?",
                rs -> version(jobId, rs),
                jobId,
                version));
    }

    private static final String VERSION_COLUMNS = "version, snapshot_json, changed_by_name, created_at_ms";

    /**
     * A version row. Rows saved before snapshots held the whole job carry the spec only: they get the
     * job's id, which cannot have changed; their name and status were not recorded and stay absent.
     */
    private static JobVersion version(String jobId, ResultSet rs) throws SQLException {
        JsonNode snapshot = Json.read(rs.getString(2));
        if (snapshot instanceof ObjectNode object && !object.has("id")) {
            object.put("id", jobId);
        }
        return new JobVersion(rs.getInt(1), snapshot, rs.getString(3), rs.getLong(4));
    }

    /** Every job, by name (an export). */
    public List<Job> all(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM jobs ORDER BY name", JobStore::map);
    }

    /** Every job's id and name, in the caller's transaction. */
    public Map<String, String> idsAndNames(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String[] row :
                Sql.list(c, "SELECT id, name FROM jobs", rs -> new String[] {rs.getString(1), rs.getString(2)})) {
            out.put(row[0], row[1]);
        }
        return out;
    }

    /** Every job's versions, oldest first, by job id (an export). */
    public Map<String, List<JobVersion>> allVersions(Connection c) throws SQLException {
        Map<String, List<JobVersion>> out = new HashMap<>();
        Sql.list(
                c,
                "SELECT job_id, version, snapshot_json, changed_by_name, created_at_ms FROM job_versions"
                        + " ORDER BY job_id, version",
                rs -> {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new JobVersion(
                                    rs.getInt(2), Json.read(rs.getString(3)), rs.getString(4), rs.getLong(5)));
                    return null;
                });
        return out;
    }

    /** Restores one exported version of a job; a version the job already has is left as it is. */
    public void restoreVersion(Connection c, String jobId, JobVersion v) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO job_versions (job_id, version, snapshot_json, changed_by_key_id, changed_by_name,"
                        + " created_at_ms) VALUES (?,?,?,NULL,?,?) ON CONFLICT(job_id, version) DO NOTHING",
                jobId,
                v.version(),
                v.snapshot().toString(),
                v.changedBy(),
                v.createdAtMs());
    }

    private static final SpecCache SPECS = new SpecCache();

    /**
     * The spec's stored text, with the parsed spec remembered for it: the first read of a new or
     * changed job (the scheduler's, when it comes due) then parses nothing. Remembered before the
     * commit on purpose: a rolled-back write leaves an entry whose text no stored row has, so no read
     * ever matches it.
     */
    private static String stored(Job job) {
        String json = job.spec().toJson().toString();
        SPECS.remember(job.id(), json, job.spec());
        return json;
    }

    static Job map(ResultSet rs) throws SQLException {
        String id = rs.getString("id");
        return new Job(
                id,
                rs.getString("name"),
                SPECS.spec(id, rs.getString("spec_json")),
                JobStatus.parse(rs.getString("status")).orElse(JobStatus.SCHEDULED),
                rs.getString("created_by"),
                rs.getLong("created_at_ms"),
                rs.getLong("updated_at_ms"),
                rs.getInt("version"),
                rs.getString("webhook_prefix"));
    }
}
