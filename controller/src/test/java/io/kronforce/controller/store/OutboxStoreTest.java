package io.kronforce.controller.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox on a real SQLite file: dedup by cause, due order, settle-once, purge, and a reopen. */
class OutboxStoreTest {
    @TempDir
    Path dir;

    private TestDatabase tdb;
    private OutboxStore store;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        store = new OutboxStore(tdb.db());
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static OutboxStore.Row row(String cause, String recipient, long dueMs) {
        return new OutboxStore.Row(
                UUID.randomUUID().toString(),
                cause,
                "webhook",
                "slack",
                recipient,
                null,
                null,
                "{}",
                "pending",
                0,
                dueMs,
                null);
    }

    private boolean settle(String id, String status, int attempts, String error, long nowMs) {
        return tdb.db().write(c -> store.settle(c, id, status, attempts, 5_000, error, nowMs));
    }

    private boolean insert(OutboxStore.Row r) {
        return tdb.db().write(c -> store.insert(c, r, 0));
    }

    @Test
    void theSameCauseDestinationAndRecipientIsQueuedOnce() {
        assertTrue(insert(row("event-1", "", 10)));
        assertFalse(insert(row("event-1", "", 10)), "a replayed event adds nothing");
        assertTrue(insert(row("event-1", "a@x.io", 10)));
        assertTrue(insert(row("event-2", "", 10)));
        assertEquals(3, store.all().size());
    }

    @Test
    void dueRowsComeOldestFirstAndOnlyWhenDue() {
        insert(row("late", "", 300));
        insert(row("early", "", 100));
        assertEquals(
                List.of("early"),
                store.due(200, 10).stream().map(OutboxStore.Row::sourceKey).toList());
        assertEquals(100L, store.nextDueMs());
        assertEquals(
                List.of("early", "late"),
                store.due(300, 10).stream().map(OutboxStore.Row::sourceKey).toList());
    }

    @Test
    void aRowSettlesOnceAndSurvivesAReopen() {
        OutboxStore.Row r = row("event-1", "", 100);
        insert(r);
        assertTrue(settle(r.id(), "pending", 1, "503", 200));
        tdb = tdb.reopen();
        store = new OutboxStore(tdb.db());
        OutboxStore.Row again = store.all().getFirst();
        assertEquals(1, again.attempts());
        assertEquals(5_000, again.nextAttemptMs());
        assertEquals("503", again.lastError());

        assertTrue(settle(r.id(), "sent", 2, null, 6_000));
        assertFalse(settle(r.id(), "failed", 3, "late", 7_000), "a finished row is not finished twice");
        assertNull(store.nextDueMs());
        int purged = tdb.db().write(c -> store.purgeFinished(c, 6_001));
        assertEquals(1, purged);
        assertTrue(store.all().isEmpty());
    }
}
