package io.kronforce.controller.store.upstream;

import io.kronforce.controller.database.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * An upstream Kronforce database file, opened read-only: the migration never changes the file it
 * reads from. Tables an older upstream lacks read as empty. Not thread-safe (one connection).
 */
public final class UpstreamDatabase implements AutoCloseable {
    private final Connection c;

    /** The file cannot be read as an upstream database; the message says why, in one line. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private UpstreamDatabase(Connection c) {
        this.c = c;
    }

    /** Opens {@code file} read-only and checks that it holds upstream's schema (its {@code jobs} table). */
    public static UpstreamDatabase open(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Unreadable("cannot read " + file + ": no such readable file");
        }
        Connection c = null;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            config.setBusyTimeout(5000);
            c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            UpstreamDatabase db = new UpstreamDatabase(c);
            db.checkSchema(file);
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new Unreadable("cannot read " + file + " as SQLite: " + e.getMessage());
        } catch (Unreadable e) {
            closeQuietly(c);
            throw e;
        }
    }

    private void checkSchema(Path file) throws SQLException {
        if (!hasColumn("jobs", "schedule_json")) {
            String why = hasColumn("jobs", "spec_json")
                    ? "it is already a database of this controller"
                    : "it has no upstream jobs table";
            throw new Unreadable(file + " is not an upstream Kronforce database: " + why);
        }
    }

    private boolean hasTable(String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean hasColumn(String table, String column) throws SQLException {
        if (!hasTable(table)) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pragma_table_info(?) WHERE name=?")) {
            ps.setString(1, table);
            ps.setString(2, column);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(Columns row) throws SQLException;
    }

    /** Every row of {@code table} (empty when the table is missing), in {@code order}, to {@code sink} in batches. */
    private <T> void scan(String table, String order, int batch, RowReader<T> reader, Consumer<List<T>> sink) {
        try {
            if (!hasTable(table)) {
                return;
            }
            // Table and order are constants of this class, never input.
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table + " ORDER BY " + order);
                    ResultSet rs = ps.executeQuery()) {
                Columns row = new Columns(rs);
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(reader.read(row));
                    if (rows.size() == batch) {
                        sink.accept(rows);
                        rows = new ArrayList<>();
                    }
                }
                if (!rows.isEmpty()) {
                    sink.accept(rows);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading upstream table " + table + ": " + e.getMessage(), e);
        }
    }

    private <T> List<T> all(String table, String order, RowReader<T> reader) {
        List<T> out = new ArrayList<>();
        scan(table, order, Integer.MAX_VALUE, reader, out::addAll);
        return out;
    }

    public List<UpstreamRows.Job> jobs() {
        return all(
                "jobs",
                "rowid",
                r -> new UpstreamRows.Job(
                        r.text("id"),
                        r.text("name"),
                        r.text("description"),
                        r.text("command"),
                        r.text("task_json"),
                        r.text("run_as"),
                        r.text("created_by"),
                        r.text("schedule_json"),
                        r.text("status"),
                        r.integer("timeout_secs"),
                        r.text("depends_on_json"),
                        r.text("target_json"),
                        r.text("output_rules_json"),
                        r.text("notifications_json"),
                        r.text("created_at"),
                        r.text("updated_at"),
                        r.text("group_name"),
                        r.integer("retry_max"),
                        r.integer("retry_delay_secs"),
                        r.real("retry_backoff"),
                        r.flag("approval_required"),
                        r.integer("priority"),
                        r.text("sla_deadline"),
                        r.integer("sla_warning_mins"),
                        r.text("starts_at"),
                        r.text("expires_at"),
                        r.integer("max_concurrent"),
                        r.text("parameters_json"),
                        r.text("webhook_token"),
                        r.text("timezone")));
    }

    public List<UpstreamRows.JobVersion> jobVersions() {
        return all(
                "job_versions",
                "job_id, version",
                r -> new UpstreamRows.JobVersion(
                        r.text("job_id"),
                        r.integer("version"),
                        r.text("snapshot_json"),
                        r.text("changed_by_key_id"),
                        r.text("changed_by_name"),
                        r.text("created_at")));
    }

    public List<UpstreamRows.Variable> variables() {
        return all(
                "variables",
                "name",
                r -> new UpstreamRows.Variable(
                        r.text("name"),
                        r.text("value"),
                        r.flag("secret", false),
                        r.text("updated_at"),
                        r.text("expires_at")));
    }

    public List<UpstreamRows.Connection> connections() {
        return all(
                "connections",
                "name",
                r -> new UpstreamRows.Connection(
                        r.text("name"),
                        r.text("conn_type"),
                        r.text("description"),
                        r.text("config"),
                        r.text("created_at"),
                        r.text("updated_at")));
    }

    /** The {@code settings} table as key → value, in key order. */
    public Map<String, String> settings() {
        Map<String, String> out = new LinkedHashMap<>();
        all("settings", "key", r -> new String[] {r.text("key"), r.text("value")})
                .forEach(kv -> out.put(kv[0], kv[1]));
        return out;
    }

    public List<UpstreamRows.ApiKey> apiKeys() {
        return all(
                "api_keys",
                "rowid",
                r -> new UpstreamRows.ApiKey(
                        r.text("id"),
                        r.text("key_prefix"),
                        r.text("key_hash"),
                        r.text("name"),
                        r.text("role"),
                        r.text("created_at"),
                        r.text("last_used_at"),
                        r.flag("active", true),
                        r.text("allowed_groups_json"),
                        r.text("ip_allowlist"),
                        r.text("expires_at")));
    }

    public List<UpstreamRows.Agent> agents() {
        return all(
                "agents",
                "name",
                r -> new UpstreamRows.Agent(
                        r.text("id"),
                        r.text("name"),
                        r.text("tags_json"),
                        r.text("hostname"),
                        r.text("address"),
                        r.integer("port"),
                        r.text("agent_type"),
                        r.text("status"),
                        r.text("last_heartbeat"),
                        r.text("registered_at"),
                        r.text("task_types_json"),
                        r.text("system_info_json")));
    }

    /** Every execution, oldest first, to {@code sink} in lists of at most {@code batch}: history can be large. */
    public void executions(int batch, Consumer<List<UpstreamRows.Execution>> sink) {
        scan(
                "executions",
                "rowid",
                batch,
                r -> new UpstreamRows.Execution(
                        r.text("id"),
                        r.text("job_id"),
                        r.text("agent_id"),
                        r.text("task_snapshot_json"),
                        r.text("status"),
                        r.integer("exit_code"),
                        r.text("stdout"),
                        r.text("stderr"),
                        r.flag("stdout_truncated", false),
                        r.flag("stderr_truncated", false),
                        r.text("started_at"),
                        r.text("finished_at"),
                        r.text("triggered_by_json"),
                        r.text("extracted_json"),
                        r.text("created_at"),
                        r.text("retry_of"),
                        r.integer("attempt_number") == null ? 1 : r.integer("attempt_number"),
                        r.text("params_json")),
                sink);
    }

    @Override
    public void close() {
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // read-only: nothing to lose
            }
        }
    }
}
