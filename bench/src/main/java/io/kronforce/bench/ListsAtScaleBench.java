package io.kronforce.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * B11: the dashboard's list pages at scale. A database of N jobs and M executions (and M/5
 * events) is built directly with SQL in the file a stopped controller migrated, then a controller
 * restarted on it answers each first page S times in a row; the same requests on a controller
 * with an empty database, same rep, are the baseline. p50 and p99 per page.
 */
final class ListsAtScaleBench {
    /** Groups the jobs are spread over. */
    static final int GROUPS = 50;

    private static final int WARMUP = 20;
    private static final String TEMPLATE = "bench-template";

    private final BenchContext ctx;

    ListsAtScaleBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    /**
     * The pages the dashboard opens, by label; {@code %SINCE%} is an hour before the newest run,
     * {@code %WEEK%} a week before it.
     */
    static Map<String, String> pages() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("jobs first page", "/api/jobs?per_page=50");
        p.put("jobs searched by name", "/api/jobs?search=bench-job-00042&per_page=50");
        p.put("jobs of one group", "/api/jobs?group=group-07&per_page=50");
        p.put("runs first page", "/api/executions?per_page=50");
        p.put("runs failed", "/api/executions?status=failed&per_page=50");
        p.put("runs of the last hour", "/api/executions?since=%SINCE%&per_page=50");
        p.put("runs created in the last week", "/api/executions?from=%WEEK%&per_page=50");
        p.put("events first page", "/api/events?per_page=50");
        p.put("events errors", "/api/events?severity=error&per_page=50");
        p.put("timeline 15 min", "/api/timeline");
        return p;
    }

    void rep(int rep) throws IOException, InterruptedException {
        long newest = System.currentTimeMillis();
        Path workDir = buildLarge(ctx, rep, "B11", newest);
        String since =
                URLEncoder.encode(Instant.ofEpochMilli(newest - 3_600_000).toString(), StandardCharsets.UTF_8);
        String week =
                URLEncoder.encode(Instant.ofEpochMilli(newest - 7 * 86_400_000L).toString(), StandardCharsets.UTF_8);
        Map<String, long[]> empty;
        try (Controller c = ctx.startHealthy("lists-empty-" + rep)) {
            empty = measure(c.api(), since, week);
        }
        Map<String, long[]> full;
        try (Controller c = ctx.startIn(workDir, "lists-full-" + rep)) {
            c.awaitHealthy(ctx.options().hardLimit());
            full = measure(c.api(), since, week);
        }
        for (String page : pages().keySet()) {
            long[] f = full.get(page);
            long[] e = empty.get(page);
            ctx.results()
                    .add(
                            "B11 " + page + " p50",
                            "ms",
                            "empty database",
                            rep,
                            Stats.percentile(f, 50) / 1e6,
                            Stats.percentile(e, 50) / 1e6);
            ctx.results()
                    .add(
                            "B11 " + page + " p99",
                            "ms",
                            "empty database",
                            rep,
                            Stats.percentile(f, 99) / 1e6,
                            Stats.percentile(e, 99) / 1e6);
        }
        ctx.results().note("B11 rep=" + rep + " loadavg1 after=" + BenchContext.loadAverage());
    }

    /**
     * A stopped controller's folder whose database holds the configured jobs and runs (the newest run
     * at {@code newestMs}); the build is noted in the results under {@code figure}.
     */
    static Path buildLarge(BenchContext ctx, int rep, String figure, long newestMs)
            throws IOException, InterruptedException {
        String label = figure.toLowerCase() + "-large";
        Path workDir = Files.createTempDirectory(ctx.scratch(), label + "-" + rep + "-");
        try (Controller migrate = ctx.startIn(workDir, label + "-migrate-" + rep)) {
            migrate.awaitHealthy(ctx.options().hardLimit());
            // One job through the API: its stored spec is the template every built job copies.
            HttpApi.Response r = migrate.api()
                    .post(
                            "/api/jobs",
                            "{\"name\":\"" + TEMPLATE + "\","
                                    + "\"task\":{\"type\":\"shell\",\"command\":\"true\"},\"schedule\":{\"type\":\"on_demand\"}}");
            if (r.status() != 201) {
                throw new IOException("creating the template job -> " + r.status() + ": " + r.body());
            }
        }
        long buildStart = System.nanoTime();
        Path db = workDir.resolve("kronforce.db");
        build(db, ctx.options().listJobs(), ctx.options().listExecutions(), newestMs);
        ctx.results()
                .note(figure + " rep=" + rep + " built " + ExecutionRows.count(db, "jobs")
                        + " jobs, " + ExecutionRows.count(db, "executions") + " executions, "
                        + ExecutionRows.count(db, "events") + " events in "
                        + (System.nanoTime() - buildStart) / 1_000_000 + " ms; file "
                        + Files.size(db) / (1024 * 1024) + " MiB");
        return workDir;
    }

    /** Each page {@code WARMUP} times unmeasured, then the configured number of samples, one request at a time. */
    private Map<String, long[]> measure(HttpApi api, String since, String week)
            throws IOException, InterruptedException {
        Map<String, long[]> out = new LinkedHashMap<>();
        int samples = ctx.options().listSamples();
        for (Map.Entry<String, String> page : pages().entrySet()) {
            String path = page.getValue().replace("%SINCE%", since).replace("%WEEK%", week);
            long[] nanos = new long[samples];
            for (int i = -WARMUP; i < samples; i++) {
                long start = System.nanoTime();
                HttpApi.Response r = api.get(path);
                long took = System.nanoTime() - start;
                if (r.status() != 200) {
                    throw new IOException("GET " + path + " -> " + r.status() + ": " + JsonFields.abbreviate(r.body()));
                }
                if (i >= 0) {
                    nanos[i] = took;
                }
            }
            Arrays.sort(nanos);
            out.put(page.getKey(), nanos);
        }
        return out;
    }

    /**
     * Fills a migrated, stopped controller's database: {@code jobs} copies of the template job over
     * {@value #GROUPS} groups, {@code executions} runs spread evenly over the jobs and over one
     * second each up to {@code newestMs} (85 % succeeded, 10 % failed, 3 % timed out, 2 % skipped),
     * one event per fifth run. The keys are removed so the next controller bootstraps its own.
     */
    static void build(Path dbFile, int jobs, int executions, long newestMs) throws IOException {
        String spec = "json_set((SELECT spec_json FROM jobs WHERE name='" + TEMPLATE + "'), '$.group',"
                + " 'group-' || printf('%02d', i % " + GROUPS + "))";
        long oldest = newestMs - (long) executions * 1000;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("BEGIN");
            s.execute("DELETE FROM api_keys");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < " + jobs + ")"
                    + " INSERT INTO jobs (id, name, group_name, status, spec_json, created_at_ms, updated_at_ms)"
                    + " SELECT 'job-' || printf('%05d', i), 'bench-job-' || printf('%05d', i),"
                    + " 'group-' || printf('%02d', i % " + GROUPS + "), 'scheduled', " + spec + ", " + oldest + ", "
                    + oldest + " FROM n");
            s.execute("DELETE FROM jobs WHERE name='" + TEMPLATE + "'");
            s.execute("WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < " + executions + ")"
                    + " INSERT INTO executions (id, job_id, task_snapshot_json, status, exit_code, stdout, started_at_ms,"
                    + " finished_at_ms, triggered_by_json, created_at_ms)"
                    + " SELECT 'run-' || printf('%07d', i), 'job-' || printf('%05d', i % " + jobs + "),"
                    + " '{\"type\":\"shell\",\"command\":\"true\"}',"
                    + " CASE WHEN i % 100 < 85 THEN 'succeeded' WHEN i % 100 < 95 THEN 'failed'"
                    + " WHEN i % 100 < 98 THEN 'timed_out' ELSE 'skipped' END,"
                    + " CASE WHEN i % 100 < 85 THEN 0 ELSE 1 END, 'line ' || i,"
                    + " " + oldest + " + i * 1000, " + oldest + " + i * 1000 + 400, '{\"type\":\"scheduler\"}',"
                    + " " + oldest + " + i * 1000 FROM n");
            s.execute("INSERT INTO events (id, kind, severity, message, job_id, execution_id, timestamp_ms)"
                    + " SELECT 'ev-' || id, 'execution.completed',"
                    + " CASE status WHEN 'succeeded' THEN 'success' WHEN 'skipped' THEN 'warning' ELSE 'error' END,"
                    + " 'Job execution ' || id || ' ' || status, job_id, id, finished_at_ms"
                    + " FROM executions WHERE rowid % 5 = 0");
            s.execute("COMMIT");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IOException("building the B11 database in " + dbFile + ": " + e, e);
        }
    }
}
