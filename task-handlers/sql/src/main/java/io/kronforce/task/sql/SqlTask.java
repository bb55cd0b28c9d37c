package io.kronforce.task.sql;

import java.util.List;

/**
 * Configuration of a {@code sql} task, bound from the job's task JSON.
 *
 * <p>Component names are the wire field names (snake_case) because the host binds JSON by them.
 *
 * @param driver {@code postgres}, {@code mysql} (MySQL and MariaDB) or {@code sqlite}
 * @param query one or more SQL statements; every result set and update count is reported
 * @param connection_string where to connect: a URL such as {@code postgresql://user:pw@host:5432/db},
 *     libpq {@code key=value} pairs for postgres, or a file path for sqlite; may carry credentials
 * @param connection name of a stored connection the controller merges in before the run; while it
 *     is set, {@code connection_string} may be absent at job creation
 * @param format {@code table} (default) or {@code json}
 * @param max_rows rows rendered per result set, 1 to {@value SqlTaskHandler#MAX_ROWS_LIMIT};
 *     {@code null} means {@value SqlTaskHandler#DEFAULT_MAX_ROWS}
 * @param bind values bound, in order, to the {@code ?} markers of the query (strings, numbers,
 *     booleans or null); the controller writes each {@code {{params.NAME}}} of the query as a
 *     {@code ?} and its value here, so a trigger's value is never part of the SQL text. Empty when
 *     there are none (then the query runs as a plain statement)
 */
public record SqlTask(
        String driver,
        String query,
        String connection_string,
        String connection,
        String format,
        Integer max_rows,
        List<Object> bind) {

    public SqlTask {
        bind = bind == null
                ? java.util.List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(bind));
    }

    /** A task without bound values. */
    public SqlTask(
            String driver, String query, String connection_string, String connection, String format, Integer max_rows) {
        this(driver, query, connection_string, connection, format, max_rows, null);
    }
}
