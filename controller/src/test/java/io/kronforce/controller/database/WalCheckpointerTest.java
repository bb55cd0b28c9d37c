package io.kronforce.controller.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checkpoints happen beside the writer, not inside its commits (decision 0051). */
class WalCheckpointerTest {
    @TempDir
    Path dir;

    private TestDatabase tdb;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        tdb.db().write(c -> c.createStatement().execute("CREATE TABLE ballast (body BLOB NOT NULL)"));
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    /** 200 rows of 4 KiB, one commit each: some 200 pages of WAL, far below the writer's backstop. */
    private void writeBallast() {
        for (int i = 0; i < 200; i++) {
            tdb.db().write(c -> {
                try (var s = c.prepareStatement("INSERT INTO ballast (body) VALUES (zeroblob(4096))")) {
                    return s.executeUpdate();
                }
            });
        }
    }

    @Test
    void theWriterCheckpointsByItselfOnlyAsABackstop() {
        int pages = tdb.db().write(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("PRAGMA wal_autocheckpoint")) {
                rs.next();
                return rs.getInt(1);
            }
        });
        assertEquals(WalCheckpointer.WRITER_BACKSTOP_PAGES, pages);
    }

    @Test
    void theBackgroundThreadCopiesTheWalIntoTheDatabaseFile() {
        long before = tdb.db().fileSize();
        writeBallast();
        // Only a checkpoint grows the main file, and the writer's own would need 10,000 pages.
        await().atMost(Duration.ofSeconds(20)).until(() -> tdb.db().fileSize() > before + 150 * 4096);
    }

    @Test
    void aPassCopiesEveryFrameWhenNoReaderHoldsAnOldSnapshot() throws Exception {
        writeBallast();
        WalCheckpointer.Pass pass = tdb.db().checkpointer().runOnce();
        assertFalse(pass.busy());
        // The last ballast commit alone leaves frames in the WAL, whatever the background thread did before it.
        assertTrue(pass.walFrames() > 0, pass::toString);
        assertEquals(pass.walFrames(), pass.checkpointedFrames(), pass::toString);
    }

    @Test
    void whileReplicatedTheShutdownCheckpointIsPassiveAndLeavesTheWalInPlace() throws Exception {
        assertEquals(0, walAfterClose(false), "without replication the shutdown checkpoint truncates the WAL");
        // TRUNCATE would leave a zero-length WAL under Litestream and make it start a new generation.
        assertTrue(walAfterClose(true) > 0, "the WAL was truncated at shutdown while replicating");
    }

    /**
     * Size of the WAL after the database closed while another connection (Litestream's, in
     * production) still had the file open: the last connection to close would delete the WAL.
     */
    private long walAfterClose(boolean replicated) throws Exception {
        DatabaseSettings settings =
                new DatabaseSettings(dir.resolve(replicated + "/kronforce.db"), 2, Duration.ofSeconds(5), replicated);
        Database db = Database.open(settings);
        db.write(c -> c.createStatement().execute("CREATE TABLE ballast (body BLOB NOT NULL)"));
        db.write(c -> c.createStatement().executeUpdate("INSERT INTO ballast (body) VALUES (zeroblob(65536))"));
        try (java.sql.Connection other = Database.connect(settings)) {
            db.close();
            return java.nio.file.Files.size(Path.of(settings.file() + "-wal"));
        }
    }
}
