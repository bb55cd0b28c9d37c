package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.PageRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The scheduler's path honours {@code approval_required} (upstream gates only the REST trigger). */
class ScheduledApprovalTest extends SchedulerRigTest {

    @Test
    void aCronSlotOfAnApprovalGatedJobWaitsForApprovalAndKeepsItsSlot() {
        Job job = rig.create(job("gated-cron", "{'type':'cron','value':'0 * * * * *'}", "'approval_required':true"));
        rig.step();
        clock.advance(Duration.ofSeconds(60));
        rig.step();

        Execution e = tdb.executionLists()
                .listForJob(job.id(), new PageRequest(1, 10))
                .data()
                .get(0);
        assertEquals(ExecutionStatus.PENDING_APPROVAL, e.status());
        assertEquals(java.time.Instant.parse("2026-03-01T10:01:00Z").toEpochMilli(), e.scheduledForMs());
        assertEquals(1, tdb.countWhere("events", "kind='job.pending_approval' AND execution_id='" + e.id() + "'"));
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:01:00Z"));
    }
}
