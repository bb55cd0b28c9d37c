package io.kronforce.controller.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventStoreTest {
    @TempDir
    Path dir;

    private TestDatabase tdb;
    private EventStore store;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        store = tdb.events();
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static Event event(String kind, String executionId, long at) {
        return new Event(
                UUID.randomUUID().toString(),
                kind,
                "info",
                kind + " message",
                null,
                null,
                null,
                null,
                executionId,
                null,
                at);
    }

    private boolean insert(Event e) {
        return tdb.db().write(c -> store.insert(c, e));
    }

    @Test
    void ignoresASecondExecutionCompletedForTheSameExecution() {
        assertTrue(insert(event("execution.completed", "x1", 1_000L)));

        assertFalse(insert(event("execution.completed", "x1", 2_000L)));

        assertEquals(1, store.forExecution("x1").size());
        assertEquals(1_000L, store.forExecution("x1").get(0).timestampMs(), "the first event stays");
    }

    @Test
    void recordsExecutionCompletedOnceForEachExecution() {
        assertTrue(insert(event("execution.completed", "x1", 1_000L)));
        assertTrue(insert(event("execution.completed", "x2", 1_000L)));
    }

    @Test
    void doesNotDeduplicateOtherKinds() {
        assertTrue(insert(event("execution.started", "x1", 1_000L)));
        assertTrue(insert(event("execution.started", "x1", 2_000L)));
        assertTrue(insert(event("job.updated", null, 3_000L)));
        assertTrue(insert(event("job.updated", null, 3_000L)));

        assertEquals(4, store.list(null, new PageRequest(1, 10)).total());
    }

    @Test
    void listsNewestFirstSinceATimeAndDeletesBeforeACutOff() {
        for (long at = 1_000; at <= 5_000; at += 1_000) {
            insert(event("job.updated", null, at));
        }

        var since = store.list(3_000L, new PageRequest(1, 10));
        int deleted = tdb.db().write(c -> store.deleteBefore(c, 3_000L, 100));

        assertEquals(3, since.total());
        assertEquals(5_000L, since.data().get(0).timestampMs());
        assertEquals(2, deleted);
        assertEquals(3, store.list(null, new PageRequest(1, 10)).total());
    }
}
