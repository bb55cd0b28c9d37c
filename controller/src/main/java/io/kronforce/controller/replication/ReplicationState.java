package io.kronforce.controller.replication;

/**
 * What health and metrics report about replication.
 *
 * @param running whether the Litestream child is alive
 * @param healthy running, and no error since the last upload
 * @param secondsSinceUpload since the last WAL segment or snapshot reached the replica (since the
 *     start while none has)
 * @param pendingWalBytes WAL bytes Litestream holds that the replica does not have yet (-1: unknown)
 * @param syncErrors errors Litestream logged, over every run of the child
 * @param restarts times the child was started again after dying
 * @param downSeconds total time the child was not running since the controller started
 * @param lastError the last error line, or null
 */
public record ReplicationState(
        String url,
        boolean running,
        boolean healthy,
        double secondsSinceUpload,
        long pendingWalBytes,
        long syncErrors,
        long restarts,
        double downSeconds,
        String lastError) {

    /** Appends the {@code kronforce_replication_*} series. */
    public void appendMetrics(StringBuilder out) {
        gauge(out, "kronforce_replication_running", "1 while the Litestream child runs", running ? 1 : 0);
        gauge(
                out,
                "kronforce_replication_healthy",
                "1 while running with no error since the last upload",
                healthy ? 1 : 0);
        gauge(
                out,
                "kronforce_replication_seconds_since_upload",
                "Seconds since the last upload to the replica",
                secondsSinceUpload);
        gauge(
                out,
                "kronforce_replication_wal_pending_bytes",
                "WAL bytes not yet on the replica (-1 unknown)",
                pendingWalBytes);
        counter(out, "kronforce_replication_sync_errors_total", "Errors Litestream reported", syncErrors);
        counter(
                out,
                "kronforce_replication_restarts_total",
                "Times Litestream was started again after dying",
                restarts);
        counter(out, "kronforce_replication_down_seconds_total", "Seconds Litestream was not running", downSeconds);
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        series(out, name, help, "gauge", value);
    }

    private static void counter(StringBuilder out, String name, String help, double value) {
        series(out, name, help, "counter", value);
    }

    private static void series(StringBuilder out, String name, String help, String type, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        out.append(name).append(' ');
        if (value == Math.rint(value)) {
            out.append((long) value);
        } else {
            out.append(String.format(java.util.Locale.ROOT, "%.3f", value));
        }
        out.append('\n');
    }
}
