package io.kronforce.task.sql;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Runs a {@code sql} task over JDBC. Result sets go to stdout as a text table (or one JSON
 * document with {@code "format": "json"}), DML as update counts. Exit codes follow psql: 0 done,
 * 1 the SQL failed, 2 no connection.
 *
 * <p>Thread-safe and stateless: each run opens and closes its own connection.
 */
public final class SqlTaskHandler implements TaskHandler<SqlTask> {

    static final int DEFAULT_MAX_ROWS = 1000;
    static final int MAX_ROWS_LIMIT = 100_000;
    private static final Set<String> FORMATS = Set.of("table", "json");

    private final EgressPolicy egress;

    /** A handler whose network connections pass {@code settings.egress()}. */
    public SqlTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "sql";
    }

    @Override
    public Class<SqlTask> configType() {
        return SqlTask.class;
    }

    @Override
    public List<ConfigViolation> check(SqlTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        Optional<SqlDriver> driver = SqlDriver.of(task.driver());
        if (driver.isEmpty()) {
            problems.add(new ConfigViolation("/driver", "driver must be one of postgres, mysql, sqlite"));
        }
        if (task.query() == null || task.query().isBlank()) {
            problems.add(new ConfigViolation("/query", "query is required"));
        }
        checkConnectionString(task, driver).ifPresent(problems::add);
        if (task.format() != null && !FORMATS.contains(task.format())) {
            problems.add(new ConfigViolation("/format", "format must be table or json"));
        }
        if (task.max_rows() != null && (task.max_rows() < 1 || task.max_rows() > MAX_ROWS_LIMIT)) {
            problems.add(new ConfigViolation("/max_rows", "max_rows must be between 1 and " + MAX_ROWS_LIMIT));
        }
        return List.copyOf(problems);
    }

    /** A driver-less task gets no connection_string check: its string could not be judged. */
    private static Optional<ConfigViolation> checkConnectionString(SqlTask task, Optional<SqlDriver> driver) {
        return ConfigChecks.address(
                "/connection_string",
                task.connection_string(),
                task.connection(),
                text -> driver.ifPresent(d -> ConnectionStrings.parse(d, text)));
    }

    @Override
    public TaskOutcome run(SqlTask task, TaskContext ctx) throws InterruptedException {
        Optional<TaskOutcome> unrunnable =
                ConfigChecks.unrunnable(type(), check(task), "/connection_string", task.connection_string());
        if (unrunnable.isPresent()) {
            return unrunnable.get();
        }
        ConnectionTarget target;
        try {
            target = ConnectionStrings.parse(SqlDriver.of(task.driver()).orElseThrow(), task.connection_string());
        } catch (IllegalArgumentException e) {
            return new TaskOutcome.Failed(null, e.getMessage(), false);
        }
        if (target.isNetwork()) {
            try {
                egress.checkHost(target.host());
            } catch (EgressDeniedException e) {
                return new TaskOutcome.Failed(
                        2, "connection to " + target.describe() + " refused: " + e.getMessage(), false);
            }
        }
        Optional<Duration> limit = remaining(ctx);
        int maxRows = task.max_rows() == null ? DEFAULT_MAX_ROWS : task.max_rows();
        try {
            List<StatementResult> results = new QueryRun(target, task.query(), task.bind(), maxRows).execute(limit);
            ctx.output().stdout("json".equals(task.format()) ? JsonResults.render(results) : TextTable.render(results));
            return TaskOutcome.Succeeded.withExitCode(0);
        } catch (QueryRun.Failure failure) {
            // The database's query timeout fires at the deadline: that is a timeout, not a failure.
            Stops.throwIfStopped(ctx);
            return failed(failure, target);
        }
    }

    private static TaskOutcome failed(QueryRun.Failure failure, ConnectionTarget target) {
        SQLException e = failure.sqlException();
        String message = target.scrub(String.valueOf(e.getMessage()));
        if (failure.phase == QueryRun.Phase.CONNECT) {
            return new TaskOutcome.Failed(2, "cannot connect to " + target.describe() + ": " + message, true);
        }
        String state = e.getSQLState() == null ? "" : " [SQLSTATE " + e.getSQLState() + "]";
        return new TaskOutcome.Failed(1, "SQL error" + state + ": " + message, false);
    }

    /**
     * Time left before the deadline; empty without one.
     *
     * @throws InterruptedException when the deadline has already passed: nothing is started then
     */
    private static Optional<Duration> remaining(TaskContext ctx) throws InterruptedException {
        Optional<Duration> left = ctx.timeLeft();
        if (left.isPresent() && !left.get().isPositive()) {
            throw new InterruptedException("deadline passed before the SQL task started");
        }
        return left;
    }
}
