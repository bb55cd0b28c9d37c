package io.kronforce.controller.store;

import static io.kronforce.controller.fixtures.Rows.aJob;
import static io.kronforce.controller.fixtures.Rows.aPendingExecution;
import static io.kronforce.controller.fixtures.Rows.anExecution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Page;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.listing.ExecutionQuery;
import io.kronforce.controller.fixtures.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionStoreTest {
    @TempDir
    Path dir;

    private TestDatabase tdb;
    private ExecutionStore store;
    private ExecutionQueryStore lists;
    private Job job;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        store = tdb.executions();
        lists = tdb.executionLists();
        job = aJob("nightly-backup");
        tdb.write(c -> tdb.jobs().insert(c, job));
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private Execution insert(Execution e) {
        tdb.write(c -> store.insert(c, e));
        return e;
    }

    private boolean finish(String id, ExecutionStore.Result r) {
        return tdb.db().write(c -> store.finish(c, id, r));
    }

    private boolean markRunning(String id, long at) {
        return tdb.db().write(c -> store.markRunning(c, id, at));
    }

    private static ExecutionStore.Result result(ExecutionStatus status, Integer exit, String stdout, long at) {
        return new ExecutionStore.Result(status, exit, stdout, "", false, false, at, null, null);
    }

    @Test
    void startPendingMovesOnlyTheRowsStillPendingAllFromOneStamp() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // five: a list padded to eight in its statement
            ids.add(insert(aPendingExecution(job.id(), 1_000L + i)).id());
        }
        String cancelled = ids.get(2);
        assertTrue(finish(cancelled, result(ExecutionStatus.CANCELLED, null, "", 1_500L)));
        ids.add("no-such-row");

        List<String> started = tdb.db().write(c -> store.startPending(c, ids, 2_000L));

        assertEquals(4, started.size(), "each row once, whatever the padding");
        assertEquals(Set.of(ids.get(0), ids.get(1), ids.get(3), ids.get(4)), Set.copyOf(started));
        for (String id : started) {
            Execution row = store.findById(id).orElseThrow();
            assertEquals(ExecutionStatus.RUNNING, row.status());
            assertEquals(2_000L, row.startedAtMs());
        }
        assertEquals(
                ExecutionStatus.CANCELLED,
                store.findById(cancelled).orElseThrow().status());
        assertEquals(List.of(), store.stillPending(ids));
    }

    @Test
    void stillPendingAnswersTheWaitingRowsAmongTheIds() {
        Execution waiting = insert(aPendingExecution(job.id(), 1_000L));
        Execution running = insert(aPendingExecution(job.id(), 1_001L));
        assertTrue(markRunning(running.id(), 2_000L));
        assertEquals(List.of(waiting.id()), store.stillPending(List.of(waiting.id(), running.id(), waiting.id())));
    }

    @Test
    void appliesFinishOnlyOnceAndKeepsTheFirstResult() {
        Execution e = insert(aPendingExecution(job.id(), 1_000L));
        assertTrue(markRunning(e.id(), 2_000L));

        assertTrue(finish(e.id(), result(ExecutionStatus.SUCCEEDED, 0, "first", 3_000L)));
        assertFalse(finish(e.id(), result(ExecutionStatus.FAILED, 1, "second", 4_000L)));

        Execution stored = store.findById(e.id()).orElseThrow();
        assertEquals(ExecutionStatus.SUCCEEDED, stored.status());
        assertEquals(0, stored.exitCode());
        assertEquals("first", stored.stdout());
        assertEquals(2_000L, stored.startedAtMs());
        assertEquals(3_000L, stored.finishedAtMs());
    }

    @Test
    void refusesMarkRunningAfterFinish() {
        Execution e = insert(aPendingExecution(job.id(), 1_000L));
        assertTrue(finish(e.id(), result(ExecutionStatus.CANCELLED, null, "", 2_000L)));

        assertFalse(markRunning(e.id(), 3_000L));

        assertEquals(
                ExecutionStatus.CANCELLED, store.findById(e.id()).orElseThrow().status());
    }

    @Test
    void fillsStartedAtFromTheFinishTimeWhenAPendingRunFinishesDirectly() {
        Execution e = insert(aPendingExecution(job.id(), 1_000L));

        assertTrue(finish(e.id(), result(ExecutionStatus.SKIPPED, null, "", 5_000L)));

        assertEquals(5_000L, store.findById(e.id()).orElseThrow().startedAtMs());
    }

    @Test
    void refusesToFinishAnExecutionAwaitingApproval() {
        Execution e = insert(anExecution(job.id(), ExecutionStatus.PENDING_APPROVAL, 1_000L, null));

        assertFalse(finish(e.id(), result(ExecutionStatus.SUCCEEDED, 0, "", 2_000L)));
        assertTrue(finish(e.id(), result(ExecutionStatus.CANCELLED, null, "", 2_000L)));
    }

    @Test
    void pagesNewestFirstWithTotals() {
        for (int i = 1; i <= 7; i++) {
            insert(aPendingExecution(job.id(), i * 1_000L));
        }

        Page<Execution> first = lists.listForJob(job.id(), new PageRequest(1, 3));
        Page<Execution> last = lists.listForJob(job.id(), new PageRequest(3, 3));

        assertEquals(7, first.total());
        assertEquals(3, first.totalPages());
        assertEquals(
                List.of(7_000L, 6_000L, 5_000L),
                first.data().stream().map(Execution::createdAtMs).toList());
        assertEquals(
                List.of(1_000L),
                last.data().stream().map(Execution::createdAtMs).toList());
    }

    @Test
    void filtersByStatusSearchSinceAndGroup() {
        Job other = aJob("report");
        tdb.write(c -> tdb.jobs().insert(c, other));
        Execution done = insert(aPendingExecution(job.id(), 1_000L));
        finish(done.id(), result(ExecutionStatus.SUCCEEDED, 0, "100% done_ok", 5_000L));
        insert(aPendingExecution(other.id(), 2_000L));
        insert(anExecution(job.id(), ExecutionStatus.FAILED, 3_000L, 9_000L));

        assertEquals(List.of(done.id()), ids(query("succeeded", null, null, null)));
        assertEquals(1, query(null, "report", null, null).total(), "search matches the job name");
        assertEquals(List.of(done.id()), ids(query(null, "100% done_", null, null)), "%/_ are literal");
        assertEquals(0, query(null, "1000", null, null).total());
        assertEquals(2, query(null, null, 4_000L, null).total(), "since filters on started_at");
        assertEquals(3, query(null, null, null, "Default").total());
        assertEquals(0, query(null, null, null, "Nope").total());
    }

    private Page<Execution> query(String status, String search, Long since, String group) {
        return lists.list(new ExecutionQuery(status, search, since, group, new PageRequest(1, 50)));
    }

    private static List<String> ids(Page<Execution> page) {
        return page.data().stream().map(Execution::id).toList();
    }

    @Test
    void deleteFinishedBeforeNeverDeletesUnfinishedRows() {
        Execution oldDone = insert(anExecution(job.id(), ExecutionStatus.SUCCEEDED, 1_000L, 2_000L));
        Execution recentDone = insert(anExecution(job.id(), ExecutionStatus.FAILED, 1_000L, 50_000L));
        Execution oldPending = insert(aPendingExecution(job.id(), 1_000L));
        Execution oldRunning = insert(anExecution(job.id(), ExecutionStatus.RUNNING, 1_000L, null));

        int deleted = tdb.db().write(c -> store.deleteFinishedBefore(c, 10_000L, 100));

        assertEquals(1, deleted);
        assertTrue(store.findById(oldDone.id()).isEmpty());
        assertTrue(store.findById(recentDone.id()).isPresent());
        assertTrue(store.findById(oldPending.id()).isPresent());
        assertTrue(store.findById(oldRunning.id()).isPresent());
    }

    @Test
    void roundTripsEveryColumn() {
        Execution e = insert(anExecution(job.id(), ExecutionStatus.TIMED_OUT, 1_234L, 5_678L));

        assertEquals(e, store.findById(e.id()).orElseThrow());
    }
}
