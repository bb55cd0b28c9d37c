package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * B14: a controller on {@code --scale-jobs} registered jobs (a million by default): startup to
 * healthy, RSS after 5 s idle, idle CPU over 10 s, then the lateness of {@code --fire-jobs}
 * every-second jobs created through the API and left to fire for {@code --fire-window-s}. The
 * database is built with SQL in the file a stopped controller migrated, from templates that
 * controller stored through the API, as B11 does; the baseline is the same sequence on an empty
 * database in the same rep.
 */
final class MillionJobsBench {
    /** The schedules the registered jobs copy, by template name; none fires during the bench. */
    static final Map<String, String> TEMPLATES = templates();

    private static final String BASELINE = "empty database";

    private final BenchContext ctx;
    private final OkServer okServer;

    MillionJobsBench(BenchContext ctx, OkServer okServer) {
        this.ctx = ctx;
        this.okServer = okServer;
    }

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("bench-scale-cron", "{\"type\":\"cron\",\"value\":\"0 0 0 1 1 *\"}");
        t.put("bench-scale-interval", "{\"type\":\"interval\",\"value\":{\"interval_secs\":86400}}");
        t.put("bench-scale-calendar", "{\"type\":\"calendar\",\"value\":{\"anchor\":\"last_day\",\"hour\":3}}");
        return t;
    }

    /** The controller's last start-up line; it ends with the time until its scheduler had loaded every plan. */
    private static final String STARTED = "Kronforce controller listening on ";

    private static final Pattern STARTED_IN = Pattern.compile("started in (\\d+) ms");

    /** What one controller showed; {@code scheduledMs}: its own start-up time, scheduler load included. */
    record Seen(double healthyMs, double scheduledMs, double rssMiB, double cpuPercent, FireLateness.Verdict due) {}

    void rep(int rep) throws IOException, InterruptedException {
        Seen empty = measure(ctx.startController("scale-empty-" + rep), rep);
        Path workDir = build(rep);
        String load = "loadavg1 before restart=" + BenchContext.loadAverage();
        Seen full = measure(ctx.startIn(workDir, "scale-full-" + rep), rep);
        Results r = ctx.results();
        r.add("B14 startup to healthy, 1M jobs", "ms", BASELINE, rep, full.healthyMs(), empty.healthyMs());
        r.add(
                "B14 start-up until the scheduler has loaded (the controller's own log), 1M jobs",
                "ms",
                BASELINE,
                rep,
                full.scheduledMs(),
                empty.scheduledMs());
        r.add("B14 RSS after 5 s idle, 1M jobs", "MiB", BASELINE, rep, full.rssMiB(), empty.rssMiB());
        r.add("B14 idle CPU over 10 s, 1M jobs", "% of a core", BASELINE, rep, full.cpuPercent(), empty.cpuPercent());
        for (int p : new int[] {50, 99, 100}) {
            r.add(
                    "B14 due-job lateness " + (p == 100 ? "max" : "p" + p) + ", 1M jobs",
                    "ms",
                    BASELINE,
                    rep,
                    percentile(full.due(), p),
                    percentile(empty.due(), p));
        }
        r.add(
                "B14 missed due fires, 1M jobs",
                "fires",
                "expected (job, second) pairs",
                rep,
                full.due().missed(),
                full.due().expected());
        r.note("B14 rep=" + rep + " full: " + describe(full) + "; empty: " + describe(empty) + "; " + load + " after="
                + BenchContext.loadAverage());
    }

    private static String describe(Seen s) {
        return "healthy=" + Math.round(s.healthyMs()) + "ms scheduled=" + Math.round(s.scheduledMs()) + "ms rss="
                + Math.round(s.rssMiB()) + "MiB cpu=" + String.format("%.2f", s.cpuPercent()) + "% "
                + FireLateness.describe(s.due());
    }

    private static double percentile(FireLateness.Verdict v, int p) {
        long[] l = v.latenessMs();
        return l.length == 0 ? Double.NaN : p == 100 ? l[l.length - 1] : Stats.percentile(l, p);
    }

    /**
     * Startup, RSS and idle CPU as B6 measures them, then the due jobs: created once the idle
     * window is over (so it stays idle), left to fire, and judged from the file after the stop.
     */
    private Seen measure(Controller controller, int rep) throws IOException, InterruptedException {
        BenchOptions o = ctx.options();
        double healthyMs;
        double rss;
        double cpu;
        double scheduledMs;
        long fromMs;
        try (controller) {
            healthyMs = controller.awaitHealthy(o.hardLimit()).toNanos() / 1e6;
            Thread.sleep(ManyJobsBench.SETTLE.toMillis());
            rss = controller.process().rssMiB();
            long cpuBefore = controller.process().cpuMillis();
            long before = System.nanoTime();
            Thread.sleep(ManyJobsBench.CPU_WINDOW.toMillis());
            cpu = 100.0 * (controller.process().cpuMillis() - cpuBefore) / ((System.nanoTime() - before) / 1e6);
            scheduledMs = startedIn(controller.process().awaitLine(STARTED, o.hardLimit()));
            JobLoader.Loaded loaded = JobLoader.load(
                    controller.api(),
                    i -> dueJson(rep, i),
                    o.fireJobs(),
                    o.clients(),
                    System.nanoTime() + o.hardLimit().toNanos());
            ctx.results().note("B14 rep=" + rep + " due jobs created " + loaded);
            fromMs = (System.currentTimeMillis() / 1000 + 1) * 1000;
            Thread.sleep(fromMs + o.fireWindow().toMillis() - System.currentTimeMillis());
        }
        FireLateness.Verdict due = FireLateness.judge(
                ExecutionRows.scheduled(controller.dbFile()),
                ExecutionRows.jobIdsNamed(controller.dbFile(), "bench-scale-due-%"),
                fromMs + FireLatenessBench.SKIP_HEAD.toMillis(),
                fromMs + o.fireWindow().toMillis() - FireLatenessBench.SKIP_TAIL.toMillis());
        return new Seen(healthyMs, scheduledMs, rss, cpu, due);
    }

    private static double startedIn(String line) throws IOException {
        Matcher m = STARTED_IN.matcher(line);
        if (!m.find()) {
            throw new IOException("no start-up time in: " + line);
        }
        return Double.parseDouble(m.group(1));
    }

    private String dueJson(int rep, int i) {
        return """
                {"name":"bench-scale-due-%d-%d","task":{"type":"http","method":"get","url":"%s"},\
                "schedule":{"type":"cron","value":"* * * * * *"}}""".formatted(rep, i, okServer.url());
    }

    /**
     * A stopped controller's folder whose database holds {@code --scale-jobs} scheduled jobs: copies
     * of the templates (4 in 10 cron, 3 interval, 3 calendar) with the next fire the controller
     * planned for each template; interval copies are spread over the day after the next hour.
     */
    private Path build(int rep) throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory(ctx.scratch(), "scale-large-" + rep + "-");
        Path db = workDir.resolve("kronforce.db");
        try (Controller migrate = ctx.startIn(workDir, "scale-migrate-" + rep)) {
            migrate.awaitHealthy(ctx.options().hardLimit());
            for (Map.Entry<String, String> t : TEMPLATES.entrySet()) {
                HttpApi.Response r = migrate.api()
                        .post(
                                "/api/jobs",
                                "{\"name\":\"" + t.getKey() + "\",\"task\":{\"type\":\"shell\",\"command\":\"true\"},"
                                        + "\"schedule\":" + t.getValue() + "}");
                if (r.status() != 201) {
                    throw new IOException("creating template " + t.getKey() + " -> " + r.status() + ": " + r.body());
                }
            }
            long deadline = System.nanoTime() + ctx.options().hardLimit().toNanos();
            while (ExecutionRows.count(db, "jobs WHERE name LIKE 'bench-scale-%' AND next_fire_ms IS NULL") > 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
        long start = System.nanoTime();
        fill(db, ctx.options().scaleJobs(), System.currentTimeMillis());
        ctx.results()
                .note("B14 rep=" + rep + " built " + ExecutionRows.count(db, "jobs") + " jobs ("
                        + ExecutionRows.count(db, "jobs WHERE next_fire_ms IS NULL") + " unplanned) in "
                        + (System.nanoTime() - start) / 1_000_000 + " ms; file "
                        + Files.size(db) / (1024 * 1024) + " MiB");
        return workDir;
    }

    /** Inserts the copies in one transaction; the keys are removed so the next controller bootstraps its own. */
    static void fill(Path dbFile, int jobs, long nowMs) throws IOException {
        String insert = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)"
                + " INSERT INTO jobs (id, name, group_name, status, spec_json, created_at_ms, updated_at_ms,"
                + " next_fire_ms)"
                + " SELECT printf('00000000-0000-4000-8000-%012x', i), printf('bench-scale-%07d', i), 'Default',"
                + " 'scheduled', CASE WHEN i % 10 < 4 THEN ? WHEN i % 10 < 7 THEN ? ELSE ? END, ?, ?,"
                + " CASE WHEN i % 10 < 4 THEN ? WHEN i % 10 < 7 THEN ? + 3600000 + (i % 86400) * 1000 ELSE ? END"
                + " FROM n";
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
                Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=OFF");
            Map<String, Object[]> template = new LinkedHashMap<>();
            for (String name : TEMPLATES.keySet()) {
                try (PreparedStatement q =
                        c.prepareStatement("SELECT spec_json, next_fire_ms FROM jobs WHERE name=?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            throw new IOException("template " + name + " missing");
                        }
                        template.put(name, new Object[] {rs.getString(1), rs.getLong(2)});
                    }
                }
            }
            Object[] cron = template.get("bench-scale-cron");
            Object[] calendar = template.get("bench-scale-calendar");
            s.execute("BEGIN");
            s.execute("DELETE FROM api_keys");
            try (PreparedStatement p = c.prepareStatement(insert)) {
                p.setInt(1, jobs);
                p.setString(2, (String) cron[0]);
                p.setString(3, (String) template.get("bench-scale-interval")[0]);
                p.setString(4, (String) calendar[0]);
                p.setLong(5, nowMs);
                p.setLong(6, nowMs);
                p.setLong(7, (Long) cron[1]);
                p.setLong(8, nowMs);
                p.setLong(9, (Long) calendar[1]);
                p.executeUpdate();
            }
            s.execute("COMMIT");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("ANALYZE");
        } catch (SQLException e) {
            throw new IOException("building the B14 database in " + dbFile + ": " + e, e);
        }
    }
}
