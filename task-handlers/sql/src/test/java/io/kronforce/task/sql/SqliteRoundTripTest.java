package io.kronforce.task.sql;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
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

    @Test
    void boundValuesAreDataAndFollowTheirStatementsInOrder() throws Exception {
        String nasty = "x'); DROP TABLE " + table + "; --";
        TestTaskContext ctx = TestTaskContext.plain();

        assertSucceeded(handler.run(
                new SqlTask(
                        driver(),
                        "INSERT INTO " + table + " (id, name) VALUES (?, ?); SELECT '?' AS q, name FROM " + table
                                + " WHERE id = ?",
                        connectionString(),
                        null,
                        "json",
                        null,
                        List.of(3, nasty, 3)),
                ctx));

        String out = ctx.output().stdoutText();
        assertTrue(out.contains("{\"q\":\"?\",\"name\":\"x'); DROP TABLE " + table + "; --\"}"), out);
    }
}
