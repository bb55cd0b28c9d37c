package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * B12, the dashboard's first pages on a large database: 10,000 jobs and 1,000,000 executions,
 * cloned (by SQL, into a stopped controller's file) from one real job and one real run, then a
 * restarted controller answers the requests the Monitor's first screens make. Each figure is the
 * median of {@value #SAMPLES} sequential requests, against {@code GET /api/health} medians taken
 * in the same rep. Server time only: the browser's rendering is not in it.
 */
final class DashboardLists {
    static final int JOBS = 10_000;
    static final int EXECUTIONS = 1_000_000;
    private static final int SAMPLES = 30;
    private static final List<String[]> PAGES = List.of(
            new String[] {"jobs, first page", "/api/jobs?per_page=25"},
            new String[] {"jobs, searched", "/api/jobs?per_page=25&search=bench-job-7777"},
            new String[] {"jobs, one group", "/api/jobs?per_page=25&group=g17"},
            new String[] {"runs, first page", "/api/executions?per_page=25"},
            new String[] {"runs, failed in 24 h", "/api/executions?per_page=25&status=failed&since=%s"},
            new String[] {"one job's runs", "/api/jobs/%s/executions?per_page=25"},
            new String[] {"events, first page", "/api/events?per_page=50"});

    private final BenchContext ctx;

    DashboardLists(BenchContext ctx) {
        this.ctx = ctx;
    }

    void rep(int rep) throws IOException, InterruptedException {
        Path dbFile;
        String key;
        String someJob;
        try (Controller first = ctx.startHealthy("dashboard-lists-" + rep)) {
            key = first.adminKey();
            someJob = first.createHttpJob("bench-seed", "http://127.0.0.1:1/");
            HttpApi.Response r = first.api().post("/api/jobs/" + someJob + "/trigger");
            if (r.status() != 202) {
                throw new IOException("trigger -> " + r.status() + ": " + r.body());
            }
            waitForARun(first.api(), someJob);
            dbFile = first.dbFile();
        }
        long seedStart = System.nanoTime();
        seed(dbFile);
        ctx.results().note("B12 rep=" + rep + " seeded " + JOBS + " jobs and " + EXECUTIONS + " executions in "
                + Duration.ofNanos(System.nanoTime() - seedStart).toSeconds() + " s");
        try (Controller big = ctx.startIn(dbFile.getParent(), "dashboard-lists-restart-" + rep)) {
            big.awaitHealthy(ctx.options().hardLimit().multipliedBy(3));
            HttpApi api = new HttpApi(big.base(), key);
            String since = java.time.Instant.now().minus(Duration.ofDays(1)).toString();
            double health = median(api, "/api/health");
            for (String[] page : PAGES) {
                String path = page[1].contains("%s") ? page[1].formatted(page[1].contains("since") ? since : someJob) : page[1];
                ctx.results().add("B12 " + page[0] + " (" + JOBS / 1000 + "k jobs, " + EXECUTIONS / 1_000_000 + "M runs), median",
                        "ms", "GET /api/health median", rep, median(api, path), health);
            }
        }
    }

    private static void waitForARun(HttpApi api, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String body = api.get("/api/jobs/" + jobId + "/executions").body();
            if (body.contains("\"finished_at\":\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("the seed run did not finish");
    }

    /** Median milliseconds of {@value #SAMPLES} GETs after 5 unmeasured ones; any non-200 fails the figure. */
    private static double median(HttpApi api, String path) throws IOException, InterruptedException {
        long[] nanos = new long[SAMPLES];
        for (int i = -5; i < SAMPLES; i++) {
            long t = System.nanoTime();
            HttpApi.Response r = api.get(path);
            long took = System.nanoTime() - t;
            if (r.status() != 200) {
                throw new IOException("GET " + path + " -> " + r.status() + ": " + JsonFields.abbreviate(r.body()));
            }
            if (i >= 0) {
                nanos[i] = took;
            }
        }
        Arrays.sort(nanos);
        return nanos[SAMPLES / 2] / 1e6;
    }

    /** Clones the one job and the one run in {@code dbFile} (stopped controller) into JOBS jobs and EXECUTIONS runs. */
    static void seed(Path dbFile) throws IOException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            String spec;
            String task;
            String trig;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT j.spec_json, e.task_snapshot_json, e.triggered_by_json FROM jobs j JOIN executions e ON e.job_id = j.id LIMIT 1")) {
                if (!rs.next()) {
                    throw new IOException("no job with a run to clone in " + dbFile);
                }
                spec = rs.getString(1);
                task = rs.getString(2);
                trig = rs.getString(3);
            }
            long now = System.currentTimeMillis();
            String[] ids = new String[JOBS];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO jobs(id, name, group_name, status, spec_json, "
                    + "created_at_ms, updated_at_ms) VALUES (?, ?, ?, 'scheduled', ?, ?, ?)")) {
                for (int i = 0; i < JOBS; i++) {
                    ids[i] = UUID.randomUUID().toString();
                    ps.setString(1, ids[i]);
                    ps.setString(2, "bench-job-" + i);
                    ps.setString(3, "g" + (i % 50));
                    ps.setString(4, spec.replace("bench-seed", "bench-job-" + i));
                    ps.setLong(5, now - 40L * 86_400_000);
                    ps.setLong(6, now - 40L * 86_400_000);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Random random = new Random(42);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO executions(id, job_id, task_snapshot_json, status, "
                    + "exit_code, stdout, started_at_ms, finished_at_ms, triggered_by_json, created_at_ms) "
                    + "VALUES (?, ?, ?, ?, ?, 'ok', ?, ?, ?, ?)")) {
                for (int i = 0; i < EXECUTIONS; i++) {
                    long created = now - (long) (random.nextDouble() * 30 * 86_400_000L);
                    boolean failed = random.nextInt(10) == 0;
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, ids[random.nextInt(JOBS)]);
                    ps.setString(3, task);
                    ps.setString(4, failed ? "failed" : "succeeded");
                    ps.setInt(5, failed ? 1 : 0);
                    ps.setLong(6, created);
                    ps.setLong(7, created + 500);
                    ps.setString(8, trig);
                    ps.setLong(9, created);
                    ps.addBatch();
                    if (i % 10_000 == 9_999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("seeding " + dbFile + ": " + e, e);
        }
    }
}
