package io.kronforce.controller.system;

import static io.kronforce.controller.metrics.PrometheusText.gauge;
import static io.kronforce.controller.metrics.PrometheusText.header;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.DisplayLabels;
import io.kronforce.controller.metrics.MetricsSource;
import io.kronforce.controller.replication.ReplicationState;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.JobStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Health and Prometheus metrics, with upstream's series names plus latency histograms. */
public final class SystemStatus {
    public static final String VERSION = "0.2.3-alpha";

    private final Database db;
    private final JobStore jobs;
    private final ExecutionQueryStore executions;
    private final Map<String, LongSupplier> timerFailures;
    private final List<MetricsSource> sources;
    private final Supplier<Optional<ReplicationState>> replication;
    private volatile boolean started;

    /**
     * What the health route reports; {@code replication} when the file is replicated (docs/REPLICATION.md).
     * {@code started} is false until the start sequence has finished: serving, recovered, timers running.
     * {@code writeFailure}: why the storage refused the last write (disk full, I/O error), until a
     * write commits again.
     */
    public record Health(
            boolean started,
            boolean dbOk,
            Optional<String> writeFailure,
            long sizeBytes,
            long walSizeBytes,
            int poolSize,
            Optional<ReplicationState> replication) {}

    /**
     * @param timerFailures each timer loop's count of failed steps, by loop name
     * @param sources the parts that add series of their own (agents and queues, latency histograms)
     */
    public SystemStatus(
            Database db,
            JobStore jobs,
            ExecutionQueryStore executions,
            Map<String, LongSupplier> timerFailures,
            List<MetricsSource> sources) {
        this(db, jobs, executions, timerFailures, sources, Optional::empty);
    }

    /** @param replication the replication state, reported by health and metrics when present */
    public SystemStatus(
            Database db,
            JobStore jobs,
            ExecutionQueryStore executions,
            Map<String, LongSupplier> timerFailures,
            List<MetricsSource> sources,
            Supplier<Optional<ReplicationState>> replication) {
        this.replication = replication;
        this.db = db;
        this.jobs = jobs;
        this.executions = executions;
        this.timerFailures = new TreeMap<>(timerFailures);
        this.sources = List.copyOf(sources);
    }

    /** Counts for overviews (the MCP {@code get_system_stats} tool). */
    public record Counts(long jobs, long groups, Map<String, Long> executionsByStatus) {}

    public Counts counts() {
        return new Counts(jobs.count(), jobs.countGroups(), executions.countByStatus());
    }

    public Health health() {
        return new Health(
                started,
                db.ping(),
                db.writeFailure(),
                db.fileSize(),
                db.walSize(),
                db.settings().readPoolSize(),
                replication.get());
    }

    /**
     * Called once by the start sequence when the controller serves, has recovered and runs its timers:
     * until then health answers "starting", so a probe never sends work to a controller that cannot
     * schedule it yet (parts of the start run in the background, see main/RunningController).
     */
    public void started() {
        started = true;
    }

    public String metrics() {
        StringBuilder out = new StringBuilder();
        header(out, "kronforce_executions_total", "Executions by status", "counter");
        executions
                .countByStatus()
                .forEach((s, n) -> out.append("kronforce_executions_total{status=\"")
                        .append(DisplayLabels.STATUSES.getOrDefault(s, s))
                        .append("\"} ")
                        .append(n)
                        .append('\n'));
        header(out, "kronforce_jobs_by_task_type", "Jobs by task type", "gauge");
        jobs.countByTaskType()
                .forEach((t, n) -> out.append("kronforce_jobs_by_task_type{type=\"")
                        .append(DisplayLabels.TASK_TYPES.getOrDefault(t, t))
                        .append("\"} ")
                        .append(n)
                        .append('\n'));
        gauge(out, "kronforce_jobs_total", "Jobs defined", jobs.count());
        gauge(out, "kronforce_groups_total", "Job groups in use", jobs.countGroups());
        Health h = health();
        gauge(out, "kronforce_db_ok", "1 when the database answers", h.dbOk() ? 1 : 0);
        gauge(out, "kronforce_db_size_bytes", "Database file size", h.sizeBytes());
        gauge(out, "kronforce_db_wal_size_bytes", "WAL file size", h.walSizeBytes());
        h.replication().ifPresent(r -> r.appendMetrics(out));
        header(
                out,
                "kronforce_timer_failures_total",
                "Failed steps of the timer loops (retried, never fatal)",
                "counter");
        timerFailures.forEach((name, n) -> out.append("kronforce_timer_failures_total{timer=\"")
                .append(name)
                .append("\"} ")
                .append(n.getAsLong())
                .append('\n'));
        sources.forEach(source -> source.appendTo(out));
        return out.toString();
    }
}
