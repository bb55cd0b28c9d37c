package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.fixtures.Rows;
import io.kronforce.controller.store.TriggerStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The fire gate over a real database with a hand-set clock: windows, and the scheduler's path
 * (docs/reference/scheduling.md#the-fire-gate).
 */
class FireGateTest extends SchedulerRigTest {
    private void succeeded(String jobId, long finishedAtMs) {
        Execution e = Rows.anExecution(jobId, ExecutionStatus.SUCCEEDED, finishedAtMs - 10, finishedAtMs);
        tdb.write(c -> tdb.executions().insert(c, e));
    }

    @Test
    void withinSecsHoldsInsideTheWindowAndNotAfterIt() {
        Job extract = rig.create(job("extract", "{'type':'on_demand'}", ""));
        FireGate gate = new FireGate(new TriggerStore(tdb.db()), null, null);
        long now = clock.millis();
        Long window = 60L;

        assertFalse(gate.satisfied(extract.id(), window, now), "never ran");
        succeeded(extract.id(), now - 30_000);
        assertTrue(gate.satisfied(extract.id(), window, now));
        assertTrue(gate.satisfied(extract.id(), window, now + 30_000), "exactly at the edge");
        assertFalse(gate.satisfied(extract.id(), window, now + 30_001));
        assertTrue(gate.satisfied(extract.id(), null, now + 3_600_000), "no window: any age");
        assertTrue(gate.satisfied(extract.id(), window, now - 80_000), "a future finish counts as |Δ|");
    }

    @Test
    void aFailedLatestRunDoesNotSatisfyEvenAfterAnEarlierSuccess() {
        Job extract = rig.create(job("extract2", "{'type':'on_demand'}", ""));
        FireGate gate = new FireGate(new TriggerStore(tdb.db()), null, null);
        succeeded(extract.id(), clock.millis() - 2000);
        Execution failed = Rows.anExecution(extract.id(), ExecutionStatus.FAILED, clock.millis() - 500, clock.millis());
        tdb.write(c -> tdb.executions().insert(c, failed));
        assertFalse(gate.satisfied(extract.id(), null, clock.millis()));
    }

    @Test
    void theSchedulerRecordsARefusedSlotAsSkippedWithItsReason() {
        Job extract = rig.create(job("upstream", "{'type':'on_demand'}", ""));
        Job load = rig.create(job(
                "downstream",
                "{'type':'cron','value':'0 * * * * *'}",
                "'depends_on':[{'job_id':'" + extract.id() + "'}]"));
        rig.step();
        clock.set(Instant.parse("2026-03-01T10:01:00.020Z"));
        rig.step();

        assertEquals(1, rig.executionsAt(load.id(), "2026-03-01T10:01:00Z"));
        Execution e = tdb.executionLists()
                .listForJob(load.id(), new PageRequest(1, 10))
                .data()
                .getFirst();
        assertEquals(ExecutionStatus.SKIPPED, e.status());
        assertEquals("dependency 'upstream' has not succeeded", e.stderr());
        assertTrue(e.finishedAtMs() != null);
        assertEquals(
                1,
                tdb.countWhere(
                        "events", "kind='execution.skipped' AND severity='warning' AND execution_id='" + e.id() + "'"));
    }

    @Test
    void theSchedulerFiresOnceTheDependencySucceeded() {
        Job extract = rig.create(job("up3", "{'type':'on_demand'}", ""));
        Job load = rig.create(job(
                "down3", "{'type':'cron','value':'0 * * * * *'}", "'depends_on':[{'job_id':'" + extract.id() + "'}]"));
        succeeded(extract.id(), clock.millis());
        rig.step();
        clock.advance(Duration.ofSeconds(60));
        rig.step();
        Execution e = tdb.executionLists()
                .listForJob(load.id(), new PageRequest(1, 10))
                .data()
                .getFirst();
        assertFalse(e.status() == ExecutionStatus.SKIPPED, () -> "ran: " + e.stderr());
    }

    @Test
    void theSchedulerSkipsASlotWhileTheJobIsAtMaxConcurrent() {
        Job job = rig.create(job("busy", "{'type':'cron','value':'0 * * * * *'}", "'max_concurrent':1"));
        Execution running = Rows.anExecution(job.id(), ExecutionStatus.RUNNING, clock.millis() - 1000, null);
        tdb.write(c -> tdb.executions().insert(c, running));
        rig.step();
        clock.set(Instant.parse("2026-03-01T10:01:00.020Z"));
        rig.step();

        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:01:00Z"));
        assertEquals(
                1,
                tdb.countWhere(
                        "executions",
                        "job_id='" + job.id() + "' AND status='skipped'" + " AND stderr='max_concurrent 1 reached'"));
    }
}
