package io.kronforce.task.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.TestTaskContext;
import org.junit.jupiter.api.Test;

/** The contract against the local MariaDB server (127.0.0.1:3306, root without password, database {@code test}). */
class MariaDbRoundTripTest extends SqlRoundTripContract {

    @Override
    String driver() {
        return "mysql";
    }

    @Override
    String connectionString() {
        return "mysql://root@127.0.0.1:3306/test";
    }

    @Override
    String slowQuery() {
        return "SELECT SLEEP(120)";
    }

    @Test
    void wrongPasswordFailsWithoutPrintingIt() throws Exception {
        TestTaskContext ctx = TestTaskContext.plain();
        SqlTask task = new SqlTask(
                "mysql", "SELECT 1", "jdbc:mariadb://root:Wr0ngPassw0rd@127.0.0.1:3306/test", null, null, null);
        TaskOutcome.Failed failed = assertInstanceOf(TaskOutcome.Failed.class, handler.run(task, ctx));
        assertEquals(2, failed.exitCode());
        assertTrue(
                failed.reason().startsWith("cannot connect to mysql://root:****@127.0.0.1:3306/test: "),
                failed.reason());
        assertTrue(failed.reason().contains("Access denied"), failed.reason());
        assertFalse(failed.reason().contains("Wr0ngPassw0rd"), failed.reason());
        assertFalse(ctx.output().stdoutText().contains("Wr0ngPassw0rd"));
    }
}
