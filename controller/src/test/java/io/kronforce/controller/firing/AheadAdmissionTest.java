package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.fixtures.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * Slots admitted ahead of their time and started at it (docs/decisions/0080-admit-slots-ahead.md),
 * over a real database with the clock stepped by hand. Each job appends a line to its own file when
 * its task really runs, so "did not start" is seen on the disk, not only in the row.
 */
class AheadAdmissionTest extends SchedulerRigTest {
    private static final String EVERY_MINUTE = "{'type':'cron','value':'0 * * * * *'}";
    private static final String SLOT = "2026-03-01T10:01:00Z";
    /** Inside the lookahead of the 10:01 slot. */
    private static final String AHEAD = "2026-03-01T10:00:59.600Z";

    private void at(String rfc3339) {
        clock.set(Instant.parse(rfc3339));
    }

    /** A job that appends a line to {@code runs-<name>} each time its task runs. */
    private Job counting(String name, String extra) {
        return rig.create("{'name':'" + name + "','task':{'type':'shell','command':'echo run >> " + marker(name) + "'},"
                + "'schedule':" + EVERY_MINUTE + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    /** A counting job whose 10:01 slot has just been admitted ahead. */
    private Job admittedAhead(String name) {
        Job job = counting(name, "");
        rig.step();
        at(AHEAD);
        rig.step();
        return job;
    }

    /** Stops the controller and starts another on the same file at {@code rfc3339}, before its recovery. */
    private void restartAt(String rfc3339) {
        rig.close();
        tdb = tdb.reopen();
        at(rfc3339);
        rig = new SchedulerRig(tdb, clock);
    }

    private Path marker(String name) {
        return dir.resolve("runs-" + name);
    }

    private long runsOf(String name) throws IOException {
        Path file = marker(name);
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    private Execution rowAt(Job job, String slot) {
        String id = tdb.db()
                .read(c -> Sql.one(
                        c,
                        "SELECT id FROM executions WHERE job_id=? AND scheduled_for_ms=?",
                        rs -> rs.getString(1),
                        job.id(),
                        ms(slot)))
                .orElseThrow();
        return tdb.executions().findById(id).orElseThrow();
    }

    private void awaitFinished(Execution row) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tdb.executions().findById(row.id()).orElseThrow().status() == ExecutionStatus.SUCCEEDED);
    }

    /** Time for a run that should not have started to show that it did, had it started. */
    private static void graceForAWrongStart() throws InterruptedException {
        Thread.sleep(700);
    }

    @Test
    void aSlotIsStoredPendingWithinTheLookaheadAndStartsOnlyAtItsSlot() throws Exception {
        Job job = counting("ahead", "");
        rig.step();
        assertEquals(OptionalLong.of(ms(SLOT) - ScheduledFirings.LOOKAHEAD_MS), rig.loop.nextWakeMs());

        at("2026-03-01T10:00:59.400Z"); // before the lookahead: nothing yet
        rig.step();
        assertEquals(0, rig.executionsOf(job.id()));

        at(AHEAD);
        rig.step();
        Execution admitted = rowAt(job, SLOT);
        assertEquals(ExecutionStatus.PENDING, admitted.status());
        assertNull(admitted.startedAtMs());
        assertEquals(ms("2026-03-01T10:02:00Z"), persistedNext(job.id()), "the next fire moved with the admission");

        at("2026-03-01T10:00:59.999Z");
        rig.step();
        graceForAWrongStart();
        assertEquals(ExecutionStatus.PENDING, rowAt(job, SLOT).status(), "not started before its slot");
        assertEquals(0, runsOf("ahead"));

        at("2026-03-01T10:01:00.007Z");
        rig.step();
        Execution started = rowAt(job, SLOT);
        assertEquals(ms("2026-03-01T10:01:00.007Z"), started.startedAtMs(), "stamped at the release, not the slot");
        awaitFinished(started);
        assertEquals(1, runsOf("ahead"));
        assertEquals(1, rig.executionsAt(job.id(), SLOT));
    }

    @Test
    void aRowThatFindsNoFreeLocalSlotStaysPendingAndStartsWhenOneFrees() throws Exception {
        int jobs = 9; // the rig's executor has 8 local slots
        for (int i = 0; i < jobs; i++) {
            rig.create("{'name':'busy-" + i + "','task':{'type':'shell','command':'sleep 1 && echo run >> "
                    + marker("busy") + "'},'schedule':" + EVERY_MINUTE + "}");
        }
        rig.step();
        at(AHEAD);
        rig.step();
        assertEquals(jobs, tdb.countWhere("executions", "status='pending'"));
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        assertEquals(8, tdb.countWhere("executions", "status='running' AND started_at_ms=" + clock.millis()));
        assertEquals(1, tdb.countWhere("executions", "status='pending'"), "waits for a slot as any pending run");
        await().atMost(Duration.ofSeconds(15)).until(() -> tdb.countWhere("executions", "status='succeeded'") == jobs);
        assertEquals(jobs, runsOf("busy"));
    }

    @Test
    void aLateReleaseStampsItsOwnMomentNotThePlannedSlot() {
        Job job = admittedAhead("late");
        at("2026-03-01T10:01:00.300Z");
        rig.step();
        Execution started = rowAt(job, SLOT);
        assertEquals(ms("2026-03-01T10:01:00.300Z"), started.startedAtMs());
        awaitFinished(started);
        assertEquals(ms("2026-03-01T10:01:00.300Z"), rowAt(job, SLOT).startedAtMs());
    }

    @Test
    void aRowCancelledBetweenAdmissionAndItsSlotDoesNotStart() throws Exception {
        Job job = admittedAhead("cancelled");
        rig.control.cancel(Principal.SYSTEM, rowAt(job, SLOT).id());
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        graceForAWrongStart();
        assertEquals(ExecutionStatus.CANCELLED, rowAt(job, SLOT).status());
        assertEquals(0, runsOf("cancelled"));
        assertEquals(0, rig.release.held());
    }

    @Test
    void aJobPausedBetweenAdmissionAndItsSlotSkipsTheSlotWithTheReason() throws Exception {
        Job job = admittedAhead("paused");
        rig.update(job.id(), "{'status':'paused'}");
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        graceForAWrongStart();
        Execution row = rowAt(job, SLOT);
        assertEquals(ExecutionStatus.SKIPPED, row.status());
        assertEquals("skipped: the job was paused after this slot was admitted", row.stderr());
        assertEquals(0, runsOf("paused"));
        assertEquals(1, tdb.countWhere("events", "kind='execution.skipped'"));
    }

    @Test
    void aJobEditedBetweenAdmissionAndItsSlotSkipsThatSlotAndRunsTheEditFromTheNext() throws Exception {
        Job job = admittedAhead("edited");
        rig.update(job.id(), "{'task':{'type':'shell','command':'echo run >> " + marker("edited-new") + "'}}");
        rig.step(); // the edit re-planned the slot; its row is already there, so nothing is admitted twice
        assertEquals(1, rig.executionsAt(job.id(), SLOT));
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        Execution skipped = rowAt(job, SLOT);
        assertEquals(ExecutionStatus.SKIPPED, skipped.status());
        assertTrue(skipped.stderr().startsWith("skipped: the job was changed (version 1 to 2)"), skipped.stderr());

        at("2026-03-01T10:01:59.600Z");
        rig.step();
        at("2026-03-01T10:02:00.010Z");
        rig.step();
        awaitFinished(rowAt(job, "2026-03-01T10:02:00Z"));
        assertEquals(0, runsOf("edited"), "the slot admitted before the edit did not run the old task");
        assertEquals(1, runsOf("edited-new"));
        assertEquals(1, rig.executionsAt(job.id(), SLOT));
    }

    @Test
    void aJobDeletedBetweenAdmissionAndItsSlotRunsNothing() throws Exception {
        Job job = admittedAhead("deleted");
        rig.catalog.delete(Principal.SYSTEM, job.id());
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        graceForAWrongStart();
        assertEquals(0, tdb.countWhere("executions", "job_id='" + job.id() + "'"));
        assertEquals(0, runsOf("deleted"));
        assertEquals(0, rig.release.held());
    }

    @Test
    void aRestartBetweenAdmissionAndTheSlotStartsTheRunAtItsSlotOnce() throws Exception {
        Job job = admittedAhead("restarted");
        restartAt("2026-03-01T10:00:59.700Z");
        rig.recover();
        rig.step();
        graceForAWrongStart();
        assertEquals(ExecutionStatus.PENDING, rowAt(job, SLOT).status(), "held by recovery until its slot");
        assertEquals(0, runsOf("restarted"));
        assertEquals(1, rig.release.held());

        at("2026-03-01T10:01:00.010Z");
        rig.step();
        Execution started = rowAt(job, SLOT);
        assertEquals(ms("2026-03-01T10:01:00.010Z"), started.startedAtMs());
        awaitFinished(started);
        assertEquals(1, runsOf("restarted"));
        assertEquals(1, rig.executionsAt(job.id(), SLOT));
        assertEquals(1, rig.executionsOf(job.id()));
    }

    @Test
    void aRestartAfterTheSlotStartsTheAdmittedRowAtOnceAndOnce() throws Exception {
        Job job = admittedAhead("restarted-late");
        restartAt("2026-03-01T10:01:02Z");
        rig.recover();
        rig.step();
        Execution started = rowAt(job, SLOT);
        assertEquals(ms("2026-03-01T10:01:02Z"), started.startedAtMs(), "late, and the stamp says so");
        awaitFinished(started);
        assertEquals(1, runsOf("restarted-late"));
        assertEquals(1, rig.executionsAt(job.id(), SLOT));
    }

    @Test
    void aRestartAfterAnEditThatFollowedTheAdmissionSkipsTheHeldSlot() throws Exception {
        Job job = admittedAhead("restarted-edited");
        restartAt("2026-03-01T10:00:59.700Z"); // the release's memory of the row ends with the stop
        rig.update(job.id(), "{'description':'changed while the row waited'}");
        rig.recover();
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        graceForAWrongStart();
        assertEquals(ExecutionStatus.SKIPPED, rowAt(job, SLOT).status());
        assertEquals(0, runsOf("restarted-edited"));
    }

    @Test
    void twoSchedulersOnOneFileAdmitAndStartASlotOnce() throws Exception {
        Job job = counting("contended", "");
        rig.step();
        try (TestDatabase second = TestDatabase.open(dir);
                SchedulerRig other = new SchedulerRig(second, clock)) {
            at(AHEAD);
            other.step();
            rig.step();
            assertEquals(1, rig.executionsAt(job.id(), SLOT));
            at("2026-03-01T10:01:00.010Z");
            other.step();
            rig.step();
            awaitFinished(rowAt(job, SLOT));
            graceForAWrongStart();
            assertEquals(1, runsOf("contended"));
        }
    }

    @Test
    void aJobWithAConcurrencyLimitKeepsBeingAdmittedAtItsSlot() {
        Job job = counting("limited", "'max_concurrent':1");
        rig.step();
        assertEquals(OptionalLong.of(ms(SLOT)), rig.loop.nextWakeMs());
        at(AHEAD);
        rig.step();
        assertEquals(0, rig.executionsOf(job.id()));
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        Execution row = rowAt(job, SLOT);
        assertEquals(ms("2026-03-01T10:01:00.010Z"), row.startedAtMs());
        awaitFinished(row);
        assertEquals(1, rig.executionsOf(job.id()));
    }
}
