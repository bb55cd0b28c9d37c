package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.fixtures.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The loop over a real database, stepped by hand with a hand-set clock. */
class SchedulerTest extends SchedulerRigTest {
    private static final String EVERY_MINUTE = "{'type':'cron','value':'0 * * * * *'}";

    private void at(String rfc3339) {
        clock.set(Instant.parse(rfc3339));
    }

    @Test
    void aCronJobFiresOncePerSlotAsTheScheduler() {
        Job job = rig.create(job("minutely", EVERY_MINUTE, ""));
        rig.step();
        assertEquals(Instant.parse("2026-03-01T10:01:00Z").toEpochMilli(), persistedNext(job.id()));

        at("2026-03-01T10:00:59.999Z");
        rig.step();
        // Admitted ahead of its slot (docs/decisions/0080-admit-slots-ahead.md): stored, not started.
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(1, tdb.countWhere("executions", "status='pending' AND started_at_ms IS NULL"));

        at("2026-03-01T10:01:00.020Z");
        rig.step();
        rig.step();
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:01:00Z"));
        assertEquals(1, rig.executionsOf(job.id()));
        Execution e = tdb.executionLists()
                .listForJob(job.id(), new PageRequest(1, 10))
                .data()
                .getFirst();
        assertEquals("scheduler", e.triggeredBy().path("type").asText());
        assertEquals(Instant.parse("2026-03-01T10:02:00Z").toEpochMilli(), persistedNext(job.id()));
    }

    @Test
    void twoSchedulersOnOneFileFireASlotOnce() {
        Job job = rig.create(job("contended", EVERY_MINUTE, ""));
        rig.step();
        try (TestDatabase second = TestDatabase.open(dir);
                SchedulerRig other = new SchedulerRig(second, clock)) {
            at("2026-03-01T10:01:00.010Z");
            other.step();
            rig.step();
            assertEquals(1, rig.executionsOf(job.id()));
            assertEquals(other.loop.nextWakeMs(), rig.loop.nextWakeMs());
        }
    }

    @Test
    void theSlotIndexRefusesASecondRowForTheSameSlot() {
        Job job = rig.create(job("indexed", EVERY_MINUTE, ""));
        long slot = Instant.parse("2026-03-01T10:01:00Z").toEpochMilli();
        for (int i = 0; i < 2; i++) {
            Execution row = new Execution(
                    Ids.newId(),
                    job.id(),
                    null,
                    job.task(),
                    ExecutionStatus.PENDING,
                    null,
                    "",
                    "",
                    false,
                    false,
                    null,
                    null,
                    SchedulerRig.JSON.createObjectNode().put("type", "scheduler"),
                    null,
                    clock.millis(),
                    null,
                    1,
                    null,
                    null);
            boolean inserted = tdb.db().write(c -> tdb.executions().insertScheduled(c, row, slot));
            assertEquals(i == 0, inserted);
        }
        assertEquals(1, rig.executionsOf(job.id()));
    }

    @Test
    void aRestartOnTheSameFileDoesNotFireASlotAgain() {
        Job job = rig.create(job("survivor", EVERY_MINUTE, ""));
        rig.step();
        at("2026-03-01T10:01:00.010Z");
        rig.step();
        rig.close();
        tdb = tdb.reopen();
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(1, rig.executionsOf(job.id()));
        at("2026-03-01T10:02:00.010Z");
        rig.step();
        assertEquals(2, rig.executionsOf(job.id()));
    }

    @Test
    void anUpdateReplansAtOnce() {
        Job job = rig.create(job("nightly", "{'type':'cron','value':'0 0 2 * * *'}", ""));
        rig.step();
        // The loop wakes the lookahead before a slot it admits ahead.
        long lead = ScheduledFirings.LOOKAHEAD_MS;
        assertEquals(
                OptionalLong.of(Instant.parse("2026-03-02T02:00:00Z").toEpochMilli() - lead), rig.loop.nextWakeMs());
        rig.update(job.id(), "{'schedule':" + EVERY_MINUTE + "}");
        rig.step();
        assertEquals(
                OptionalLong.of(Instant.parse("2026-03-01T10:01:00Z").toEpochMilli() - lead), rig.loop.nextWakeMs());
    }

    @Test
    void aPausedJobDoesNotFireAndAResumedOneDoes() {
        Job job = rig.create(job("pausable", EVERY_MINUTE, ""));
        rig.step();
        rig.update(job.id(), "{'status':'paused'}");
        at("2026-03-01T10:05:00.010Z");
        rig.step();
        assertEquals(0, rig.executionsOf(job.id()));
        assertEquals(OptionalLong.empty(), rig.loop.nextWakeMs());
        rig.update(job.id(), "{'status':'scheduled'}");
        rig.step();
        assertEquals(0, rig.executionsOf(job.id())); // resuming plans ahead; missed slots while paused are not runs
        assertEquals(5, rig.pausedOf(job.id()), "10:01 to 10:05 are recorded as skipped while paused");
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:03:00Z"));
        at("2026-03-01T10:06:00.010Z");
        rig.step();
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(5, rig.pausedOf(job.id()));
    }

    @Test
    void aOneShotFiresOnceThenTheJobIsUnscheduled() {
        Job job = rig.create(job("once", "{'type':'one_shot','value':'2026-03-01T10:00:10Z'}", ""));
        rig.step();
        at("2026-03-01T10:00:10.005Z");
        rig.step();
        at("2026-03-01T10:10:00Z");
        rig.step();
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:00:10Z"));
        assertEquals(
                JobStatus.UNSCHEDULED,
                tdb.jobs().findById(job.id()).orElseThrow().status());
    }

    @Test
    void skippedMisfiresAfterAnOutageAreRecordedAsAnEvent() {
        Job job = rig.create(job("skipper", EVERY_MINUTE, "'misfire_policy':'skip'"));
        rig.step();
        rig.close();
        tdb = tdb.reopen();
        at("2026-03-01T10:10:30Z"); // down for ten minutes: 10:01 … 10:10 missed
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(0, rig.executionsOf(job.id()));
        assertEquals(1, tdb.countWhere("events", "kind='schedule.misfire_skipped' AND details='10'"));
        assertEquals(10, rig.missedOf(job.id()), "each dropped slot is a skipped row with its reason");
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:01:00Z"));
        assertEquals(
                1,
                tdb.countWhere(
                        "executions",
                        "job_id='" + job.id() + "' AND stderr="
                                + "'missed: 570 s late when the scheduler reached it; misfire policy skip'"));
        assertEquals(Instant.parse("2026-03-01T10:11:00Z").toEpochMilli(), persistedNext(job.id()));
    }

    @Test
    void runOnceAfterAnOutageFiresTheLatestMissedSlot() {
        Job job = rig.create(job("catcher", EVERY_MINUTE, ""));
        rig.step();
        rig.close();
        tdb = tdb.reopen();
        at("2026-03-01T10:10:30Z");
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(1, rig.executionsAt(job.id(), "2026-03-01T10:10:00Z"));
        assertEquals(1, tdb.countWhere("events", "kind='schedule.misfire_skipped' AND details='9'"));
        assertEquals(9, rig.missedOf(job.id()));
        rig.close();
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(9, rig.missedOf(job.id()), "a restart records no slot twice");
    }

    @Test
    void anIntervalJobRunsAtOnceThenAnIntervalAfterItsRunFinished() {
        Job job = rig.create(job("every-minute-after", "{'type':'interval','value':{'interval_secs':60}}", ""));
        rig.step(); // planned for now
        rig.step(); // fired
        assertEquals(1, rig.executionsOf(job.id()));
        assertEquals(null, persistedNext(job.id())); // waits for the run
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        tdb.countWhere("executions", "job_id='" + job.id() + "' AND finished_at_ms IS NOT NULL") == 1);
        rig.step();
        assertEquals(clock.millis() + 60_000, persistedNext(job.id()));
    }

    @Test
    void aJobChangedToAnIntervalWhileItsRunIsActiveIsPlannedAfterThatRun() {
        // The run started under a cron schedule, so its finish does not wake the scheduler (only an
        // interval run's finish does); the re-check of an interval job held by its run plans it.
        Job job = rig.create("{'name':'becomes-interval','task':{'type':'shell','command':'sleep 1'},'schedule':"
                + EVERY_MINUTE + "}");
        at("2026-03-01T10:01:00.200Z");
        rig.step(); // fires the 10:01 slot
        assertEquals(1, rig.executionsOf(job.id()));
        rig.update(job.id(), "{'schedule':{'type':'interval','value':{'interval_secs':60}}}");
        rig.step(); // re-planned: it waits for the active run
        assertEquals(null, persistedNext(job.id()));
        assertEquals(
                clock.millis() + ScheduledFirings.INTERVAL_RECHECK_MS,
                rig.loop.nextWakeMs().getAsLong());
        long finishedAt = clock.millis();
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        tdb.countWhere("executions", "job_id='" + job.id() + "' AND finished_at_ms IS NOT NULL") == 1);
        clock.set(Instant.ofEpochMilli(finishedAt + ScheduledFirings.INTERVAL_RECHECK_MS));
        rig.step();
        assertEquals(finishedAt + 60_000, persistedNext(job.id()));
    }

    @Test
    void aCreatedJobIsReadBackOnlyByTheIndexesItConcerns() {
        // The scheduler takes the committed plan; the dependency index, the event-trigger index and
        // the SLA timer decide from the saved job, so an ordinary create reads nothing back.
        long before = tdb.db().readCount();
        Job plain = rig.create(job("plain", EVERY_MINUTE, ""));
        assertEquals(before, tdb.db().readCount());
        rig.create(job("child", EVERY_MINUTE, "'depends_on':[{'job_id':'" + plain.id() + "'}]"));
        assertTrue(tdb.db().readCount() > before, "the dependency index re-reads a job with dependencies");
    }

    @Test
    void aJobLeftUnplannedIsPlannedWhenTheLoopLoads() {
        Job job = rig.create(job("legacy", EVERY_MINUTE, ""));
        tdb.write(c -> c.createStatement().executeUpdate("UPDATE jobs SET next_fire_ms=NULL"));
        rig.close();
        rig = new SchedulerRig(tdb, clock);
        rig.step();
        assertEquals(Instant.parse("2026-03-01T10:01:00Z").toEpochMilli(), persistedNext(job.id()));
        assertFalse(rig.loop.nextWakeMs().isEmpty());
        assertTrue(rig.loop.failures() == 0);
    }

    @Test
    void jobsDueInOneStepStartInPriorityOrderNotTimeOrder() {
        Job early = rig.create(job("low-early", "{'type':'one_shot','value':'2026-03-01T10:00:30Z'}", "'priority':0"));
        Job late = rig.create(job("high-late", "{'type':'one_shot','value':'2026-03-01T10:00:45Z'}", "'priority':10"));
        rig.step();
        clock.set(Instant.parse("2026-03-01T10:01:00Z")); // both are due in this one step
        assertEquals(2, rig.step());

        String first = tdb.db().read(c -> {
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT job_id FROM executions ORDER BY rowid")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals(late.id(), first, "the higher priority fired first");
        assertEquals(1, rig.executionsOf(early.id()));
    }
}
