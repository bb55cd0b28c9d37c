package io.kronforce.controller.firing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.reactions.SlaWatch;
import io.kronforce.controller.schedule.TickLoop;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** SLA warnings and breaches on a timer, in the job's zone, once per run. */
class SlaWatchTest extends SchedulerRigTest {

    private TickLoop slaLoop() {
        TickLoop loop = new TickLoop(
                new SlaWatch(
                        tdb.db(), tdb.plans(), rig.catalog, tdb.executions(), new EventLog(tdb.events(), clock), clock),
                clock,
                "test-sla");
        loop.load();
        return loop;
    }

    private long events(String kind, String executionId) {
        return tdb.countWhere("events", "kind='" + kind + "' AND execution_id='" + executionId + "'");
    }

    @Test
    void aRunStillGoingAtTheWarningAndTheDeadlineRaisesEachOnce() throws Exception {
        java.nio.file.Path release = dir.resolve("release");
        // 11:05 in Berlin is 10:05 UTC in March (CET); the rig's clock starts at 10:00:00.5 UTC.
        Job job = rig.create("{'name':'nightly-load','task':{'type':'shell','command':'while [ ! -f " + release
                + " ]; do sleep 0.05; done'},'schedule':{'type':'on_demand'},'sla_deadline':'11:05',"
                + "'sla_warning_mins':3,'timezone':'Europe/Berlin'}");
        TickLoop loop = slaLoop();
        assertEquals(
                Instant.parse("2026-03-01T10:02:00Z").toEpochMilli(),
                loop.nextWakeMs().orElseThrow());

        String run = rig.control.trigger(Principal.SYSTEM, job.id(), null, false);
        clock.set(Instant.parse("2026-03-01T10:02:00.200Z"));
        loop.runOnce(clock.millis());
        assertEquals(1, events("sla.warning", run));
        assertEquals(0, events("sla.breach", run));
        assertEquals(
                Instant.parse("2026-03-01T10:05:00Z").toEpochMilli(),
                loop.nextWakeMs().orElseThrow());

        rig.catalog.update(Principal.SYSTEM, job.id(), SchedulerRig.body("{'description':'touched'}"));
        loop.jobChanged(job.id()); // a change re-checks inside the grace: still once
        loop.runOnce(clock.millis());
        assertEquals(1, events("sla.warning", run));

        clock.set(Instant.parse("2026-03-01T10:05:00.100Z"));
        loop.runOnce(clock.millis());
        assertEquals(1, events("sla.breach", run));
        assertEquals("error", tdb.db().read(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT severity FROM events WHERE kind='sla.breach'")) {
                rs.next();
                return rs.getString(1);
            }
        }));

        Files.writeString(release, "go");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tdb.countWhere("executions", "id='" + run + "' AND finished_at_ms IS NOT NULL") == 1);
        loop.close();
    }

    @Test
    void nothingIsRaisedWhenTheRunFinishedInTime() {
        Job job = rig.create("{'name':'quick','task':{'type':'shell','command':'true'},"
                + "'schedule':{'type':'on_demand'},'sla_deadline':'10:05'}");
        String run = rig.control.trigger(Principal.SYSTEM, job.id(), null, false);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> tdb.countWhere("executions", "id='" + run + "' AND finished_at_ms IS NOT NULL") == 1);
        TickLoop loop = slaLoop();
        clock.set(Instant.parse("2026-03-01T10:05:00.100Z"));
        loop.runOnce(clock.millis());
        assertEquals(0, tdb.countWhere("events", "kind LIKE 'sla.%'"));
        loop.close();
    }

    @Test
    void aWarningMoreThanADayAheadIsRefused() {
        KronforceException.InvalidInput e = org.junit.jupiter.api.Assertions.assertThrows(
                KronforceException.InvalidInput.class,
                () -> rig.create("{'name':'early','task':{'type':'shell',"
                        + "'command':'true'},'schedule':{'type':'on_demand'},'sla_deadline':'06:00',"
                        + "'sla_warning_mins':1441}"));
        assertEquals("sla_warning_mins must be at most 1440", e.getMessage());
    }
}
