package io.kronforce.task.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTaskHandlerCheckTest {

    private final SqlTaskHandler handler = new SqlTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));

    @Test
    void acceptsValidTasksOfEveryDriver() {
        assertEquals(
                List.of(),
                handler.check(new SqlTask("postgres", "SELECT 1", "postgres://u:p@db:5432/app", null, "json", 10)));
        assertEquals(
                List.of(), handler.check(new SqlTask("mysql", "SELECT 1", "mysql://root@db/app", null, "table", null)));
        assertEquals(
                List.of(), handler.check(new SqlTask("sqlite", "SELECT 1", "/var/lib/app.db", null, null, 100_000)));
    }

    @Test
    void requiresAKnownDriverAndAQuery() {
        assertEquals(List.of("/driver", "/query"), pointers(new SqlTask("oracle", " ", "/x.db", null, null, null)));
        assertEquals(List.of("/driver", "/query"), pointers(new SqlTask(null, null, "/x.db", null, null, null)));
    }

    @Test
    void connectionStringIsRequiredUnlessAConnectionSuppliesIt() {
        assertEquals(
                List.of("/connection_string"), pointers(new SqlTask("postgres", "SELECT 1", null, null, null, null)));
        assertEquals(List.of(), pointers(new SqlTask("postgres", "SELECT 1", null, "pg-prod", null, null)));
    }

    @Test
    void connectionStringMustFitTheDriverAndItsMessageHidesThePassword() {
        List<ConfigViolation> found =
                handler.check(new SqlTask("postgres", "SELECT 1", "mysql://u:Hidden123@db/app", null, null, null));
        assertEquals(
                List.of("/connection_string"),
                found.stream().map(ConfigViolation::pointer).toList());
        assertFalse(found.get(0).message().contains("Hidden123"), found.get(0).message());
        List<ConfigViolation> malformed =
                handler.check(new SqlTask("mysql", "SELECT 1", "mysql://u:p w{Hidden123@db/app", null, null, null));
        assertEquals("/connection_string", malformed.get(0).pointer());
        assertFalse(
                malformed.get(0).message().contains("Hidden123"),
                malformed.get(0).message());
    }

    @Test
    void placeholdersAreJudgedAfterSubstitution() {
        assertEquals(
                List.of(),
                pointers(new SqlTask("postgres", "SELECT 1", "postgresql://app:{{DB_PW}}@db/app", null, null, null)));
    }

    @Test
    void rejectsUnknownFormatsAndRowCapsOutOfRange() {
        assertEquals(List.of("/format"), pointers(new SqlTask("sqlite", "SELECT 1", "a.db", null, "csv", null)));
        assertEquals(List.of("/max_rows"), pointers(new SqlTask("sqlite", "SELECT 1", "a.db", null, null, 0)));
        assertEquals(List.of("/max_rows"), pointers(new SqlTask("sqlite", "SELECT 1", "a.db", null, null, 100_001)));
    }

    @Test
    void readmeExampleBindsAndPassesTheCheck() {
        List<SqlTask> examples = ReadmeExample.tasks("sql", SqlTask.class);
        assertEquals(1, examples.size());
        assertEquals("postgres", examples.get(0).driver());
        assertEquals(List.of(), handler.check(examples.get(0)));
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        TaskHandler<?> loaded = LoadedHandler.of("sql");
        assertInstanceOf(SqlTaskHandler.class, loaded);
        assertEquals(SqlTask.class, loaded.configType());
    }

    private List<String> pointers(SqlTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
