package io.kronforce.controller.database;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.StoreUnavailableException;
import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Database#write} through the group-commit writer, against a real file. */
class GroupCommitWriterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private TestDatabase tdb;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        // A scratch table without keys: a write applied twice would show as a duplicate row.
        tdb.write(c -> c.createStatement().execute("CREATE TABLE probe (writer TEXT NOT NULL, seq INTEGER NOT NULL)"));
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static Void insertProbe(Connection c, String writer, int seq) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("INSERT INTO probe (writer, seq) VALUES (?, ?)")) {
            p.setString(1, writer);
            p.setInt(2, seq);
            p.executeUpdate();
        }
        return null;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code writers} virtual threads, each writing {@code perWriter} probe rows; a failure is kept by name. */
    private List<Thread> startWriters(int writers, int perWriter, Map<String, Throwable> failures) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            String name = "w" + w;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < perWriter; i++) {
                        int seq = i;
                        tdb.db().write(c -> insertProbe(c, name, seq));
                    }
                } catch (Throwable t) {
                    failures.put(name, t);
                }
            }));
        }
        return threads;
    }

    @Test
    void landsEveryWriteOfManyConcurrentWritersExactlyOnce() throws Exception {
        int writers = 64;
        int perWriter = 100;
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = startWriters(writers, perWriter, failures);
        for (Thread t : threads) {
            assertTrue(t.join(WAIT), "writer did not finish in time");
        }

        assertEquals(Map.of(), failures);
        assertEquals(writers * perWriter, tdb.count("probe"));
        long distinct = tdb.db().read(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT count(*) FROM (SELECT DISTINCT writer, seq FROM probe)")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertEquals(writers * perWriter, distinct);
    }

    @Test
    void rollsBackAFailingItemAloneWhileTheRestOfItsBatchCommits() throws Exception {
        // Hold the writer inside one item so that everything submitted meanwhile queues up and is
        // drained into the next batch together (the batch is far below MAX_BATCH).
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        Thread blocker = Thread.ofVirtual()
                .start(() -> tdb.db().write(c -> {
                    holding.countDown();
                    awaitQuietly(release);
                    return insertProbe(c, "blocker", 0);
                }));
        // Submit only once the writer is held, or fast writes could finish before the blocker arrives.
        assertTrue(holding.await(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
        int good = 20;
        Map<Integer, Throwable> outcomes = new ConcurrentHashMap<>();
        List<Thread> submitters = new ArrayList<>();
        for (int i = 0; i < good; i++) {
            int seq = i;
            submitters.add(Thread.ofVirtual().start(() -> tdb.db().write(c -> insertProbe(c, "good", seq))));
        }
        Thread bad = Thread.ofVirtual().start(() -> {
            try {
                tdb.db().write(c -> {
                    insertProbe(c, "bad", 0); // undone together with the failing statement below
                    tdb.settings().put(c, "retention_days", "x"); // upsert: fine
                    c.createStatement().execute("INSERT INTO settings (key, value) VALUES ('retention_days', 'dup')");
                    return null;
                });
            } catch (Throwable t) {
                outcomes.put(-1, t);
            }
        });
        submitters.add(bad);
        await().atMost(WAIT).until(() -> submitters.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        release.countDown();
        assertTrue(blocker.join(WAIT));
        for (Thread t : submitters) {
            assertTrue(t.join(WAIT));
        }

        assertInstanceOf(StoreConflictException.class, outcomes.get(-1));
        assertEquals(good, tdb.countWhere("probe", "writer='good'"));
        assertEquals(0, tdb.countWhere("probe", "writer='bad'"));
        assertEquals("7", tdb.settings().get("retention_days").orElseThrow(), "the bad item's upsert was undone");
        assertEquals(1, tdb.countWhere("probe", "writer='blocker'"));
    }

    @Test
    void keepsAReturnedWriteAfterTheFileIsClosedAndReopened() {
        tdb.db().write(c -> insertProbe(c, "durable", 42));

        tdb = tdb.reopen();

        assertEquals(1, tdb.countWhere("probe", "writer='durable' AND seq=42"));
    }

    @Test
    void refusesWritesAfterCloseWithStoreUnavailable() {
        tdb.close();

        assertThrows(StoreUnavailableException.class, () -> tdb.db().write(c -> insertProbe(c, "late", 1)));
    }

    @Test
    void keepsWritingAfterAnItemThrowsAnError() {
        assertThrows(
                StoreException.class,
                () -> tdb.db().write(c -> {
                    insertProbe(c, "broken", 1);
                    throw new AssertionError("a bug in the write, not a SQL failure");
                }));

        tdb.db().write(c -> insertProbe(c, "after", 1));

        assertEquals(0, tdb.countWhere("probe", "writer='broken'"));
        assertEquals(1, tdb.countWhere("probe", "writer='after'"));
    }

    @Test
    void refusesANestedWriteFromInsideAWrite() {
        Database db = tdb.db();
        RuntimeException e = assertThrows(
                IllegalStateException.class, () -> db.write(c -> db.write(c2 -> insertProbe(c2, "nested", 1))));

        assertTrue(e.getMessage().contains("nested write"), e.getMessage());
        assertEquals(0, tdb.count("probe"));
    }

    @Test
    void aVacuumAmidConcurrentWritesSplitsTheirBatchesAndEveryWriteLandsOnce() throws Exception {
        int writers = 16;
        int perWriter = 50;
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        List<Thread> threads = startWriters(writers, perWriter, failures);
        List<Database.Vacuumed> vacuums = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vacuums.add(tdb.db().vacuum()); // outside a transaction, or SQLite would refuse it
        }
        for (Thread t : threads) {
            assertTrue(t.join(WAIT), "writer did not finish in time");
        }
        assertEquals(Map.of(), failures);
        assertEquals(writers * perWriter, tdb.count("probe"));
        vacuums.forEach(v -> assertTrue(v.sizeAfter() > 0 && v.sizeBefore() > 0, v::toString));
    }
}
