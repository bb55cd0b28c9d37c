package io.kronforce.task.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one task's statements on a thread of its own, so that the task's thread stays free to
 * notice an interrupt or the deadline and cancel the statement from outside: JDBC calls do not
 * answer to {@link Thread#interrupt()}, but every driver here implements {@link Statement#cancel()}
 * (PostgreSQL cancel request, MariaDB {@code KILL QUERY}, SQLite {@code sqlite3_interrupt}).
 *
 * <p>The worker is a platform thread because SQLite runs in native code, which would pin the
 * carrier of a virtual thread for the whole query.
 */
final class QueryRun {

    /** How long a cancelled statement may take to give up before the task stops waiting for it. */
    static final Duration CANCEL_GRACE = Duration.ofSeconds(5);

    /** Where the run failed: connecting (often worth a retry) or in SQL (usually not). */
    enum Phase {
        CONNECT,
        EXECUTE
    }

    /** A JDBC failure with the phase it happened in. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final Phase phase;

        Failure(Phase phase, SQLException cause) {
            super(cause.getMessage(), cause);
            this.phase = phase;
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    private final ConnectionTarget target;
    private final String query;
    private final List<Object> bind;
    private final int maxRows;
    private volatile Statement statement;
    private volatile boolean cancelled;

    /** @param bind values for the query's {@code ?} markers, in order; empty to run plain statements */
    QueryRun(ConnectionTarget target, String query, List<Object> bind, int maxRows) {
        this.target = target;
        this.query = query;
        this.bind = bind; // unmodifiable already (SqlTask); may hold nulls, bound as SQL NULL
        this.maxRows = maxRows;
    }

    /**
     * Connects, runs the statements and reads their results.
     *
     * @param limit time left before the deadline, or empty when the job has none
     * @throws InterruptedException when interrupted or when {@code limit} runs out; the statement
     *     has been cancelled and the connection closed (or left closing) by then
     * @throws Failure when the database refused the connection or the SQL
     */
    List<StatementResult> execute(Optional<Duration> limit) throws InterruptedException, Failure {
        CompletableFuture<List<StatementResult>> result = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().daemon().name("sql-task").start(() -> work(limit, result));
        try {
            return limit.isPresent() ? result.get(limit.get().toNanos(), TimeUnit.NANOSECONDS) : result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            throw new IllegalStateException("SQL worker failed", e.getCause());
        } catch (TimeoutException e) {
            cancel(worker);
            throw new InterruptedException("deadline passed while the SQL statement ran");
        } catch (InterruptedException e) {
            cancel(worker);
            throw e;
        }
    }

    private void work(Optional<Duration> limit, CompletableFuture<List<StatementResult>> result) {
        Connection connection;
        try {
            connection = target.connect(limit.orElse(ConnectionTarget.DEFAULT_CONNECT_TIMEOUT));
        } catch (SQLException e) {
            result.completeExceptionally(new Failure(Phase.CONNECT, e));
            return;
        }
        try (connection) {
            result.complete(readAll(connection, limit));
        } catch (SQLException e) {
            result.completeExceptionally(new Failure(Phase.EXECUTE, e));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        } finally {
            result.completeExceptionally(new IllegalStateException("SQL run was cancelled"));
        }
    }

    private List<StatementResult> readAll(Connection connection, Optional<Duration> limit) throws SQLException {
        List<StatementResult> results = new ArrayList<>();
        List<String> statements = target.driver() == SqlDriver.SQLITE ? SqliteScript.split(query) : List.of(query);
        int next = 0; // the first bound value not used yet
        for (String sql : statements) {
            if (cancelled) {
                break;
            }
            int markers = bind.isEmpty() ? 0 : statements.size() == 1 ? bind.size() : SqliteScript.markers(sql);
            try (Statement s = markers == 0 ? connection.createStatement() : connection.prepareStatement(sql)) {
                statement = s;
                if (cancelled) {
                    break;
                }
                limit.ifPresent(l -> queryTimeout(s, l));
                // One row over the cap tells us there was more without fetching the rest.
                s.setMaxRows(maxRows + 1);
                if (s instanceof PreparedStatement p) {
                    for (int i = 0; i < markers && next < bind.size(); i++) {
                        p.setObject(i + 1, bind.get(next++));
                    }
                    readResults(p, p.execute(), results);
                } else {
                    readResults(s, s.execute(sql), results);
                }
            }
        }
        return results;
    }

    /** Every result of one execute call: the server may answer a multi-statement string with several. */
    private void readResults(Statement s, boolean isRows, List<StatementResult> results) throws SQLException {
        while (true) {
            if (isRows) {
                try (ResultSet rs = s.getResultSet()) {
                    results.add(StatementResult.Rows.read(rs, maxRows));
                }
            } else {
                long count = s.getUpdateCount();
                if (count == -1) {
                    return;
                }
                results.add(new StatementResult.UpdateCount(count));
            }
            isRows = s.getMoreResults();
        }
    }

    /** The database's own backstop: rounded up, so our deadline (the precise one) fires first. */
    private static void queryTimeout(Statement s, Duration limit) {
        try {
            s.setQueryTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, (limit.toMillis() + 999) / 1000)));
        } catch (SQLException e) {
            // A driver without query timeouts still has our deadline and cancel().
        }
    }

    private void cancel(Thread worker) {
        cancelled = true;
        Statement s = statement;
        if (s != null) {
            try {
                s.cancel();
            } catch (SQLException e) {
                // Nothing more to do from here: the worker closes the connection when the call returns.
            }
        }
        boolean interrupted = false;
        long until = System.nanoTime() + CANCEL_GRACE.toNanos();
        while (worker.isAlive() && System.nanoTime() < until) {
            try {
                worker.join(Duration.ofNanos(Math.max(1, until - System.nanoTime())));
            } catch (InterruptedException again) {
                interrupted = true; // already stopping: keep waiting out the grace period
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
