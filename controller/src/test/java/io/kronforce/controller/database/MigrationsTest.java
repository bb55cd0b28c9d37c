package io.kronforce.controller.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.fixtures.TestDatabase;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d{4})__[A-Za-z0-9_]+\\.sql");

    @TempDir
    Path dir;

    private TestDatabase tdb;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private List<String> appliedRows() {
        return tdb.db()
                .read(c -> Sql.list(
                        c,
                        "SELECT version || ' ' || description || ' ' || applied_at_ms FROM schema_version ORDER BY version",
                        rs -> rs.getString(1)));
    }

    @Test
    void migratesAFreshFileToTheLatestVersion() {
        int current = tdb.db().read(Migrations::currentVersion);

        assertEquals(Migrations.latestVersion(), current);
        assertEquals(Migrations.known().size(), appliedRows().size());
        for (String table : List.of(
                "jobs", "job_versions", "executions", "events", "api_keys", "settings", "variables", "audit_log")) {
            assertEquals(1, tdb.countWhere("sqlite_master", "type='table' AND name='" + table + "'"), table);
        }
    }

    @Test
    void appliesNothingWhenReopeningAMigratedFile() {
        List<String> before = appliedRows();

        tdb = tdb.reopen();

        assertEquals(before, appliedRows());
        assertEquals(1, tdb.countWhere("settings", "key='retention_days'"), "V0001 seed row not inserted twice");
    }

    @Test
    void listsOnlyExistingFilesNamedByVersionInStrictlyIncreasingOrder() {
        List<String> known = Migrations.known();
        assertTrue(!known.isEmpty());
        int previous = 0;
        for (String name : known) {
            var m = FILE_NAME.matcher(name);
            assertTrue(m.matches(), "bad migration file name " + name);
            assertNotNull(Migrations.class.getResource("/db/migration/" + name), "missing " + name);
            int version = Integer.parseInt(m.group(1));
            assertTrue(version > previous, name + " does not follow version " + previous);
            assertEquals(version, Migrations.versionOf(name));
            previous = version;
        }
    }

    @Test
    void indexesEveryMigrationFileOnTheClasspath() throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(
                        Migrations.class.getResource("/db/migration/index.txt").toURI())
                .getParent();
        try (Stream<Path> files = Files.list(folder)) {
            List<String> sqlFiles = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .sorted()
                    .toList();
            assertEquals(sqlFiles, Migrations.known());
        }
    }

    @Test
    void refusesToUpdateAnAuditRow() {
        tdb.write(c -> tdb.audit()
                .insert(c, new AuditEntry("a1", 1_000L, null, null, "job.created", "job", "j1", "original")));

        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> tdb.write(c -> c.createStatement().executeUpdate("UPDATE audit_log SET details='forged'")));

        assertTrue(rootMessage(e).contains("audit log is append-only"), rootMessage(e));
        assertEquals(1, tdb.countWhere("audit_log", "details='original'"));
    }

    @Test
    void stillLetsRetentionDeleteAuditRows() {
        tdb.write(
                c -> tdb.audit().insert(c, new AuditEntry("a1", 1_000L, null, null, "job.created", "job", "j1", null)));

        int deleted = tdb.db().write(c -> tdb.audit().deleteBefore(c, 2_000L, 100));

        assertEquals(1, deleted);
    }

    private static String rootMessage(Throwable t) {
        StringBuilder all = new StringBuilder();
        for (Throwable x = t; x != null; x = x.getCause()) {
            all.append(x.getMessage()).append(" | ");
        }
        return all.toString();
    }
}
