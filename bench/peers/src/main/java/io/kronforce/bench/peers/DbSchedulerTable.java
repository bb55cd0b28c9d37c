package io.kronforce.bench.peers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * db-scheduler's one table, which its jar does not create: the columns and indexes its
 * documentation gives, in SQLite's types. Also the count of one-shot rows still there, since a
 * completed one-time execution is deleted.
 */
final class DbSchedulerTable {

    private static final String[] DDL = {
        """
        create table scheduled_tasks (
          task_name text not null,
          task_instance text not null,
          task_data blob,
          execution_time timestamp not null,
          picked boolean not null,
          picked_by text,
          last_success timestamp,
          last_failure timestamp,
          consecutive_failures int,
          last_heartbeat timestamp,
          version bigint not null,
          priority smallint,
          primary key (task_name, task_instance))""",
        "create index execution_time_idx on scheduled_tasks (execution_time)",
        "create index last_heartbeat_idx on scheduled_tasks (last_heartbeat)",
        "create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)"
    };

    private DbSchedulerTable() {}

    static void create(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : DDL) {
                statement.execute(sql);
            }
        }
    }

    static long remaining(DataSource dataSource, String taskName) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                var query = connection.prepareStatement("select count(*) from scheduled_tasks where task_name = ?")) {
            query.setString(1, taskName);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
