package io.kronforce.controller.migration;

import java.sql.Connection;
import java.sql.SQLException;

/** One checked row's write, run later inside the migration's transaction. */
@FunctionalInterface
interface Write {
    void apply(Connection c) throws SQLException;
}
