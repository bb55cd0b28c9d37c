/**
 * The {@code sql} task type: one query string run over JDBC against PostgreSQL, MySQL/MariaDB or
 * SQLite, result sets rendered as an aligned text table (or JSON on request) and DML reported as
 * update counts. Network databases pass the host's {@link io.kronforce.task.EgressPolicy} first.
 */
package io.kronforce.task.sql;
