package io.kronforce.controller.database;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection; for reads a pooled connection, for writes the writer's. */
@FunctionalInterface
public interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
