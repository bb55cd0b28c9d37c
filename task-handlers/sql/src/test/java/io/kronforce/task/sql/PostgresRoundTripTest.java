package io.kronforce.task.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.ClosedPort;
import io.kronforce.task.testkit.TestTaskContext;
import org.junit.jupiter.api.Test;

/** The contract against the local PostgreSQL server (127.0.0.1:5432, trust auth, database {@code test}). */
class PostgresRoundTripTest extends SqlRoundTripContract {

    @Override
    String driver() {
        return "postgres";
    }

    @Override
    String connectionString() {
        return "postgresql://postgres:pw-not-needed@127.0.0.1:5432/test";
    }

    @Override
    String slowQuery() {
        return "SELECT pg_sleep(120)";
    }

    @Test
    void libpqKeywordFormConnectsToo() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        SqlTask task = new SqlTask(
                "postgres",
                "SELECT current_database() AS db",
                "host=127.0.0.1 port=5432 dbname=test user=postgres",
                null,
                null,
                null);
        assertSucceeded(handler.run(task, ctx));
        assertTrue(ctx.output().stdoutText().contains(" test\n"), ctx.output().stdoutText());
    }

    @Test
    void unknownDatabaseIsAConnectionFailureWithoutThePassword() throws Exception {
        SqlTask task = new SqlTask(
                "postgres",
                "SELECT 1",
                "postgresql://postgres:Sup3rSecret@127.0.0.1:5432/kf_no_such_db",
                null,
                null,
                null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertEquals(2, failed.exitCode());
        assertTrue(failed.retryable());
        assertTrue(
                failed.reason().startsWith("cannot connect to postgres://postgres:****@127.0.0.1:5432/kf_no_such_db: "),
                failed.reason());
        assertTrue(failed.reason().contains("kf_no_such_db\" does not exist"), failed.reason());
        assertFalse(failed.reason().contains("Sup3rSecret"), failed.reason());
    }

    @Test
    void refusedPortIsAConnectionFailure() throws Exception {
        SqlTask task = new SqlTask(
                "postgres",
                "SELECT 1",
                "postgresql://postgres@127.0.0.1:" + ClosedPort.find() + "/test",
                null,
                null,
                null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertEquals(2, failed.exitCode());
        assertTrue(failed.reason().startsWith("cannot connect to "), failed.reason());
    }

    @Test
    void unknownHostIsRefusedBeforeConnecting() throws Exception {
        SqlTask task = new SqlTask(
                "postgres", "SELECT 1", "postgresql://u:Sup3rSecret@no-such-host.invalid/test", null, null, null);
        TaskOutcome.Failed failed =
                assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, TestTaskContext.plain()));
        assertEquals(2, failed.exitCode());
        assertTrue(failed.reason().contains("cannot resolve host 'no-such-host.invalid'"), failed.reason());
        assertFalse(failed.reason().contains("Sup3rSecret"), failed.reason());
    }

    @Test
    void publicOnlyEgressRefusesLoopback() throws Exception {
        SqlTaskHandler strict = new SqlTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class, strict.run(task("SELECT 1", null, null), TestTaskContext.plain()));
        assertTrue(failed.reason().contains("non-public address 127.0.0.1"), failed.reason());
        assertFalse(failed.retryable());
    }
}
