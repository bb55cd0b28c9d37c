package io.kronforce.controller.firing;

import static io.kronforce.controller.firing.SchedulerRig.job;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.FireGate;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.schedule.TickLoop;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.TriggerStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A group's pipeline fires its root jobs once per slot, across a restart too. */
class PipelineFiringsTest extends SchedulerRigTest {
    private static final String MANUAL = "{'type':'on_demand'}";

    private Groups groups;
    private TickLoop loop;

    private void openLoop() {
        GroupStore store = new GroupStore(tdb.db());
        EventLog events = new EventLog(tdb.events(), clock);
        loop = new TickLoop(
                new PipelineFirings(
                        tdb.db(),
                        store,
                        tdb.jobs(),
                        rig.control,
                        new FireGate(new TriggerStore(tdb.db()), tdb.executions(), events),
                        events),
                clock,
                "test-pipelines");
        groups = new Groups(tdb.db(), store, tdb.jobs(), rig.catalog, new AuditTrail(tdb.audit(), clock), loop, clock);
        loop.load();
    }

    @Test
    void aCronPipelineFiresTheRootsOfItsGroupOncePerSlot() {
        Job extract = rig.create(job("extract", MANUAL, "'group':'etl'"));
        Job load = rig.create("{'name':'load','task':{'type':'shell','command':'true'},'schedule':" + MANUAL
                + ",'group':'etl','depends_on':[{'job_id':'" + extract.id() + "'}]}");
        Job other = rig.create(job("elsewhere", MANUAL, "'group':'reports'"));
        openLoop();
        groups.setPipeline(
                Principal.SYSTEM, "etl", SchedulerRig.body("{'schedule':{'type':'cron','value':'0 */5 * * * *'}}"));
        loop.runOnce(clock.millis());
        assertEquals(
                Instant.parse("2026-03-01T10:05:00Z").toEpochMilli(),
                loop.nextWakeMs().orElseThrow());

        clock.set(Instant.parse("2026-03-01T10:05:00.300Z"));
        loop.runOnce(clock.millis());
        assertEquals(1, rig.executionsOf(extract.id()), "the root fired");
        assertEquals(0, rig.executionsOf(load.id()), "a dependent waits for the cascade");
        assertEquals(0, rig.executionsOf(other.id()));
        assertEquals("etl", tdb.db().read(c -> {
            try (var s = c.createStatement();
                    var rs = s.executeQuery("SELECT triggered_by_json FROM executions")) {
                rs.next();
                return SchedulerRig.JSON
                        .readTree(rs.getString(1))
                        .path("pipeline")
                        .asText();
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }));

        loop.jobChanged("etl"); // a double wake in the same slot fires nothing more
        loop.runOnce(clock.millis());
        assertEquals(1, rig.executionsOf(extract.id()));
        assertEquals(
                Instant.parse("2026-03-01T10:10:00Z").toEpochMilli(),
                loop.nextWakeMs().orElseThrow());
        loop.close();
    }

    @Test
    void anIntervalPipelineFiresAtOnceThenEveryIntervalAndResumesAfterARestart() {
        Job root = rig.create(job("hourly-root", MANUAL, "'group':'hourly'"));
        openLoop();
        groups.setPipeline(
                Principal.SYSTEM,
                "hourly",
                SchedulerRig.body("{'schedule':{'type':'interval','value':{'interval_secs':3600}}}"));
        loop.runOnce(clock.millis());
        loop.runOnce(clock.millis());
        assertEquals(1, rig.executionsOf(root.id()), "first fire is immediate");
        assertEquals(clock.millis() + 3_600_000, loop.nextWakeMs().orElseThrow());
        loop.close();

        clock.advance(Duration.ofHours(5)); // down for five intervals: one catch-up fire, not five
        openLoop();
        loop.runOnce(clock.millis());
        assertEquals(2, rig.executionsOf(root.id()));
        assertEquals(clock.millis() + 3_600_000, loop.nextWakeMs().orElseThrow());
        loop.close();
    }

    @Test
    void removingTheScheduleStopsThePipeline() {
        Job root = rig.create(job("stopped-root", MANUAL, "'group':'stopped'"));
        openLoop();
        groups.setPipeline(
                Principal.SYSTEM, "stopped", SchedulerRig.body("{'schedule':{'type':'cron','value':'0 */5 * * * *'}}"));
        loop.runOnce(clock.millis());
        groups.clearPipeline(Principal.SYSTEM, "stopped");
        clock.set(Instant.parse("2026-03-01T10:05:00.300Z"));
        loop.runOnce(clock.millis());
        assertEquals(0, rig.executionsOf(root.id()));
        assertEquals(true, loop.nextWakeMs().isEmpty());
        assertEquals("stopped", groups.create(Principal.SYSTEM, TextNode.valueOf("stopped")));
        loop.close();
    }
}
