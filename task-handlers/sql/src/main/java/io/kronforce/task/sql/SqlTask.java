package io.kronforce.task.sql;

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
 */
public record SqlTask(
        String driver, String query, String connection_string, String connection, String format, Integer max_rows) {}
