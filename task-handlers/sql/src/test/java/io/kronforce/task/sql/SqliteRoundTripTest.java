package io.kronforce.task.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract against a real SQLite file in a temporary directory. */
class SqliteRoundTripTest extends SqlRoundTripContract {

    @TempDir
    Path dir;

    @Override
    String driver() {
        return "sqlite";
    }

    @Override
    String connectionString() {
        return dir.resolve("tasks.db").toString();
    }

    @Override
    String slowQuery() {
        return "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 4000000000) SELECT COUNT(*) FROM c";
    }
}
