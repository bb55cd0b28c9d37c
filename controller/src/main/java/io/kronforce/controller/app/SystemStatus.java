package io.kronforce.controller.app;

import io.kronforce.controller.replication.ReplicationState;
import io.kronforce.controller.store.Database;
import io.kronforce.controller.store.ExecutionQueryStore;
import io.kronforce.controller.store.JobStore;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Health and Prometheus metrics, with upstream's series names plus latency histograms. */
public final class SystemStatus {
    public static final String VERSION = "0.2.3-alpha";
    private static final Map<String, String> STATUS_LABELS = Map.of("succeeded", "Succeeded", "failed", "Failed",
            "timed_out", "Timed Out", "cancelled", "Cancelled", "running", "Running", "pending", "Pending");
    private static final Map<String, String> TYPE_LABELS = Map.ofEntries(Map.entry("shell", "Shell Command"),
            Map.entry("http", "HTTP Request"), Map.entry("script", "Rhai Script"), Map.entry("sql", "SQL Query"),
            Map.entry("ftp", "FTP Transfer"), Map.entry("file_push", "File Push"), Map.entry("kafka", "Kafka"),
            Map.entry("rabbitmq", "RabbitMQ"), Map.entry("mqtt", "MQTT"), Map.entry("redis", "Redis"),
            Map.entry("custom", "Custom Agent"));

    private final Database db;
    private final JobStore jobs;
    private final ExecutionQueryStore executions;
    private final ExecutionControl control;
    private final Supplier<Optional<ReplicationState>> replication;
    private volatile Map<String, LongSupplier> timerFailures = Map.of();
    private volatile AgentRuntime agents;

    /** What the health route reports. */
    public record Health(boolean dbOk, long sizeBytes, long walSizeBytes, int poolSize,
                         Optional<ReplicationState> replication) {}

    public SystemStatus(Database db, JobStore jobs, ExecutionQueryStore executions, ExecutionControl control) {
        this(db, jobs, executions, control, Optional::empty);
    }

    /** @param replication the replication state when the file is replicated (docs/REPLICATION.md) */
    public SystemStatus(Database db, JobStore jobs, ExecutionQueryStore executions, ExecutionControl control,
                        Supplier<Optional<ReplicationState>> replication) {
        this.replication = replication;
        this.db = db;
        this.jobs = jobs;
        this.executions = executions;
        this.control = control;
    }

    /** Each timer loop's count of failed steps, by loop name (scheduler, retries, sla, pipelines). */
    public void attach(Map<String, LongSupplier> failuresByTimer) {
        this.timerFailures = new TreeMap<>(failuresByTimer);
    }

    /** The agent runtime, whose registry and queues the metrics report. */
    public void attach(AgentRuntime agentRuntime) {
        this.agents = agentRuntime;
    }

    /** Counts for overviews (the MCP {@code get_system_stats} tool). */
    public record Counts(long jobs, long groups, Map<String, Long> executionsByStatus) {}

    public Counts counts() {
        return new Counts(jobs.count(), jobs.countGroups(), executions.countByStatus());
    }

    public Health health() {
        return new Health(db.ping(), db.fileSize(), db.walSize(), db.settings().readPoolSize(), replication.get());
    }

    public String metrics() {
        StringBuilder out = new StringBuilder();
        header(out, "kronforce_executions_total", "Executions by status", "counter");
        executions.countByStatus().forEach((s, n) -> out.append("kronforce_executions_total{status=\"")
                .append(STATUS_LABELS.getOrDefault(s, s)).append("\"} ").append(n).append('\n'));
        header(out, "kronforce_jobs_by_task_type", "Jobs by task type", "gauge");
        jobs.countByTaskType().forEach((t, n) -> out.append("kronforce_jobs_by_task_type{type=\"")
                .append(TYPE_LABELS.getOrDefault(t, t)).append("\"} ").append(n).append('\n'));
        gauge(out, "kronforce_jobs_total", "Jobs defined", jobs.count());
        gauge(out, "kronforce_groups_total", "Job groups in use", jobs.countGroups());
        Health h = health();
        gauge(out, "kronforce_db_ok", "1 when the database answers", h.dbOk() ? 1 : 0);
        gauge(out, "kronforce_db_size_bytes", "Database file size", h.sizeBytes());
        gauge(out, "kronforce_db_wal_size_bytes", "WAL file size", h.walSizeBytes());
        h.replication().ifPresent(r -> r.appendMetrics(out));
        header(out, "kronforce_timer_failures_total", "Failed steps of the timer loops (retried, never fatal)",
                "counter");
        timerFailures.forEach((name, n) -> out.append("kronforce_timer_failures_total{timer=\"").append(name)
                .append("\"} ").append(n.getAsLong()).append('\n'));
        if (agents != null) {
            agents.metrics(out);
        }
        return out.append(control.metrics().render()).toString();
    }

    static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    static void gauge(StringBuilder out, String name, String help, long value) {
        header(out, name, help, "gauge");
        out.append(name).append(' ').append(value).append('\n');
    }
}
