package io.kronforce.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a stopped controller's SQLite file directly: faster than paging the API through tens of
 * thousands of rows, and it sees every row, whatever its status. Read-only; call it only after the
 * controller exited, so nothing writes underneath.
 */
final class ExecutionRows {

    private ExecutionRows() {}

    /** Every scheduler-fired execution (those with a slot). */
    static List<FireLateness.Row> scheduled(Path dbFile) throws IOException {
        List<FireLateness.Row> rows = new ArrayList<>();
        String sql =
                "SELECT job_id, scheduled_for_ms, status, started_at_ms FROM executions WHERE scheduled_for_ms IS NOT NULL";
        try (Connection c = open(dbFile);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long started = rs.getLong(4);
                rows.add(new FireLateness.Row(
                        rs.getString(1), rs.getLong(2), rs.getString(3), rs.wasNull() ? null : started));
            }
        } catch (SQLException e) {
            throw new IOException("reading executions of " + dbFile + ": " + e, e);
        }
        return rows;
    }

    /** The ids of every job stored. */
    static Set<String> jobIds(Path dbFile) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Connection c = open(dbFile);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM jobs")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IOException("reading jobs of " + dbFile + ": " + e, e);
        }
        return ids;
    }

    /** The ids of the jobs whose name is {@code LIKE namePattern}. */
    static Set<String> jobIdsNamed(Path dbFile, String namePattern) throws IOException {
        Set<String> ids = new HashSet<>();
        try (Connection c = open(dbFile);
                PreparedStatement s = c.prepareStatement("SELECT id FROM jobs WHERE name LIKE ?")) {
            s.setString(1, namePattern);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IOException("reading jobs of " + dbFile + ": " + e, e);
        }
        return ids;
    }

    /** {@code SELECT count(*) FROM <from>}, e.g. {@code "jobs"} to confirm how many a database holds. */
    static long count(Path dbFile, String from) throws IOException {
        try (Connection c = open(dbFile);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + from)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IOException("counting " + from + " of " + dbFile + ": " + e, e);
        }
    }

    /**
     * When a burst of runs went through the controller (W1), over every execution of the database.
     *
     * @param succeeded executions that ended {@code succeeded}
     * @param others executions in any other status (failed, still pending, ...)
     * @param atSlot executions recorded for the slot {@code slotMs} (a one-shot's due time)
     * @param firstCreatedMs the smallest {@code created_at_ms} (for a scheduler fire, the clock of the
     *     scheduler step that recorded it, not the moment of the insert)
     * @param lastCreatedMs the largest
     * @param firstStartedMs when the first run started
     * @param lastFinishedMs when the last run finished
     */
    record Span(
            long succeeded,
            long others,
            long atSlot,
            long firstCreatedMs,
            long lastCreatedMs,
            long firstStartedMs,
            long lastFinishedMs) {}

    /** The {@link Span} of every execution stored, counting those of slot {@code slotMs}. */
    static Span span(Path dbFile, long slotMs) throws IOException {
        String sql = "SELECT count(*), coalesce(sum(status='succeeded'), 0), coalesce(sum(scheduled_for_ms=?), 0),"
                + " min(created_at_ms), max(created_at_ms), min(started_at_ms), max(finished_at_ms) FROM executions";
        try (Connection c = open(dbFile);
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, slotMs);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long succeeded = rs.getLong(2);
                return new Span(
                        succeeded,
                        rs.getLong(1) - succeeded,
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7));
            }
        } catch (SQLException e) {
            throw new IOException("reading the executions' span of " + dbFile + ": " + e, e);
        }
    }

    private static Connection open(Path dbFile) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + dbFile.toAbsolutePath());
    }
}
