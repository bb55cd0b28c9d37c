package io.kronforce.task.sql;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.BackgroundRun;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database behind the {@code sql} task must do, run against a real server or file.
 * Each test works in a table of its own name and drops it afterwards.
 */
abstract class SqlRoundTripContract {

    static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    final SqlTaskHandler handler = new SqlTaskHandler(new HandlerSettings(LOOPBACK));
    String table;

    abstract String driver();

    abstract String connectionString();

    /** A query that runs for minutes unless cancelled. */
    abstract String slowQuery();

    @BeforeEach
    void createTable() throws Exception {
        table = "kf_sql_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        assertSucceeded(
                run("CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, name VARCHAR(40), score DECIMAL(6,2))"));
    }

    @AfterEach
    void dropTable() throws Exception {
        run("DROP TABLE IF EXISTS " + table);
    }

    @Test
    void dmlReportsUpdateCountsAndSelectRendersAnAlignedTable() throws Exception {
        TestTaskContext insert = TestTaskContext.plain();
        assertSucceeded(handler.run(
                task(
                        "INSERT INTO " + table + " (id, name, score) VALUES (1, 'alpha', 7.25), " + "(22, 'b', NULL)",
                        "table",
                        null),
                insert));
        assertEquals("2 rows affected\n", insert.output().stdoutText());

        TestTaskContext select = TestTaskContext.plain();
        assertSucceeded(handler.run(task("SELECT id, name, score FROM " + table + " ORDER BY id", null, null), select));
        assertEquals("""
                 id | name  | score
                ----+-------+-------
                  1 | alpha |  7.25
                 22 | b     |  NULL
                (2 rows)
                """, select.output().stdoutText());
    }

    @Test
    void severalStatementsReportEachResult() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        assertSucceeded(handler.run(
                task(
                        "UPDATE " + table + " SET name = 'none'; INSERT INTO " + table
                                + " (id, name) VALUES (5, 'x'); SELECT name FROM " + table,
                        null,
                        null),
                ctx));
        assertEquals("""
                0 rows affected

                1 row affected

                 name
                ------
                 x
                (1 row)
                """, ctx.output().stdoutText());
    }

    @Test
    void jsonFormatGivesOneDocument() throws Exception {
        run("INSERT INTO " + table + " (id, name, score) VALUES (1, 'say \"hi\"', 1.25)");
        TestTaskContext ctx = TestTaskContext.plain();
        assertSucceeded(handler.run(task("SELECT id, name, score FROM " + table, "json", null), ctx));
        assertEquals(
                "{\"results\":[{\"columns\":[\"id\",\"name\",\"score\"],\"rows\":[{\"id\":1,\"name\":\"say \\\"hi\\\"\","
                        + "\"score\":1.25}],\"row_count\":1,\"truncated\":false}]}\n",
                ctx.output().stdoutText());
    }

    @Test
    void rowsBeyondMaxRowsAreNotFetched() throws Exception {
        run("INSERT INTO " + table + " (id, name) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        TestTaskContext ctx = TestTaskContext.plain();
        assertSucceeded(handler.run(task("SELECT name FROM " + table + " ORDER BY id", null, 2), ctx));
        assertTrue(
                ctx.output().stdoutText().endsWith(" a\n b\n(2 rows shown; more were not fetched, max_rows is 2)\n"),
                ctx.output().stdoutText());
        TestTaskContext json = TestTaskContext.plain();
        assertSucceeded(handler.run(task("SELECT name FROM " + table + " ORDER BY id", "json", 2), json));
        assertTrue(
                json.output().stdoutText().contains("\"row_count\":2,\"truncated\":true"),
                json.output().stdoutText());
    }

    @Test
    void badSqlFailsWithExitCodeOneAndTheServersMessage() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class, handler.run(task("SELECT no_such_column FROM " + table, null, null), ctx));
        assertEquals(1, failed.exitCode());
        assertTrue(failed.reason().startsWith("SQL error"), failed.reason());
        assertTrue(failed.reason().contains("no_such_column"), failed.reason());
        assertFalse(failed.retryable());
        assertEquals("", ctx.output().stdoutText());
    }

    @Test
    void deadlineCancelsASlowQueryAndCountsAsATimeout() {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(1500));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(InterruptedException.class, () -> handler.run(task(slowQuery(), null, null), ctx)));
    }

    @Test
    void interruptCancelsARunningQuery() throws Exception {
        BackgroundRun runner =
                BackgroundRun.start(() -> handler.run(task(slowQuery(), null, null), TestTaskContext.plain()));
        // Let the query reach the server; interrupting earlier would only test the connect path.
        await().pollDelay(Duration.ofMillis(700)).atMost(GENEROUS).until(runner::isAlive);
        runner.interrupt();
        assertTrue(runner.finishes(GENEROUS), "query not cancelled by the interrupt");
        assertInstanceOf(InterruptedException.class, runner.result());
        // The connection is usable again right away: nothing is left holding the table.
        assertSucceeded(run("INSERT INTO " + table + " (id) VALUES (9)"));
    }

    @Test
    void deadlineAlreadyPassedRunsNothing() throws Exception {
        TestTaskContext ctx = TestTaskContext.withDeadline(Instant.now().minusSeconds(1));
        assertThrows(
                InterruptedException.class,
                () -> handler.run(task("INSERT INTO " + table + " (id) VALUES (1)", null, null), ctx));
        TestTaskContext count = TestTaskContext.plain();
        handler.run(task("SELECT COUNT(*) AS n FROM " + table, "json", null), count);
        assertTrue(
                count.output().stdoutText().contains("{\"n\":0}"),
                count.output().stdoutText());
    }

    @Test
    void boundValuesAreDataNeverSql() throws Exception {
        String nasty = "x'); DROP TABLE " + table + "; --";
        assertSucceeded(handler.run(
                new SqlTask(
                        driver(),
                        "INSERT INTO " + table + " (id, name, score) VALUES (?, ?, ?)",
                        connectionString(),
                        null,
                        null,
                        null,
                        java.util.Arrays.asList(5, nasty, null)),
                TestTaskContext.plain()));

        TestTaskContext read = TestTaskContext.plain();
        assertSucceeded(handler.run(task("SELECT name FROM " + table + " WHERE id = 5", "json", null), read));
        assertTrue(
                read.output().stdoutText().contains("DROP TABLE"), read.output().stdoutText());
    }

    TaskOutcome run(String query) throws InterruptedException {
        return handler.run(task(query, null, null), TestTaskContext.plain());
    }

    SqlTask task(String query, String format, Integer maxRows) {
        return new SqlTask(driver(), query, connectionString(), null, format, maxRows);
    }

    static void assertSucceeded(TaskOutcome outcome) {
        assertEquals(TaskOutcome.Succeeded.withExitCode(0), outcome, outcome::toString);
    }
}
