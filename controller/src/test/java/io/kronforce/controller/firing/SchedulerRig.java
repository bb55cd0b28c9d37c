package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.executions.SlotRelease;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.main.ControllerSettings;
import io.kronforce.controller.main.Wiring;
import io.kronforce.controller.schedule.TickLoop;
import java.time.Duration;
import java.util.Map;

/**
 * The controller as {@code Wiring} builds it — the one composition root — over one
 * {@link TestDatabase} and a hand-set clock, with no timer thread started: tests step the
 * scheduler with {@link #step()} and the retry timer with {@link #stepRetries()}.
 */
public final class SchedulerRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    final TestDatabase tdb;
    final MutableInstantSource clock;
    final JobCatalog catalog;
    final TickLoop loop;
    final TickLoop retryLoop;
    final SlotRelease release;
    final ExecutionControl control;
    private final Wiring.Parts parts;

    SchedulerRig(TestDatabase tdb, MutableInstantSource clock) {
        this.tdb = tdb;
        this.clock = clock;
        ControllerSettings settings = ControllerSettings.fromEnv(Map.of(
                "KRONFORCE_DB", tdb.file().toString(),
                "KRONFORCE_ENCRYPTION_KEY", "test-passphrase-for-scheduler",
                "KRONFORCE_EGRESS_ALLOW", "127.0.0.1/32",
                "KRONFORCE_LOCAL_WORKERS", "8"));
        parts = Wiring.build(settings, tdb.db(), clock);
        catalog = parts.services().jobs();
        control = parts.executions();
        loop = parts.scheduler().scheduler();
        retryLoop = parts.scheduler().others().get(0);
        release = parts.scheduler().release();
        loop.load();
        retryLoop.load();
    }

    /** One step of the retry timer at the clock's current time; returns how many retries were due. */
    int stepRetries() {
        return retryLoop.runOnce(clock.millis());
    }

    /**
     * One loop step at the clock's current time, then the release of the slots admitted ahead that
     * are due by then, as the two threads would do at that moment.
     */
    public int step() {
        int due = loop.runOnce(clock.millis());
        release.runOnce(clock.millis());
        return due;
    }

    /** Start-up recovery, as a controller starting on this file runs it before its timers. */
    void recover() {
        parts.recover();
    }

    public Job create(String singleQuotedJson) {
        return catalog.create(Principal.SYSTEM, body(singleQuotedJson));
    }

    Job update(String id, String singleQuotedJson) {
        return catalog.update(Principal.SYSTEM, id, body(singleQuotedJson));
    }

    public static ObjectNode body(String singleQuotedJson) {
        try {
            return (ObjectNode) JSON.readTree(singleQuotedJson.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A job body with a quick shell task and the given schedule and extra fields. */
    static String job(String name, String schedule, String extra) {
        return "{'name':'" + name + "','task':{'type':'shell','command':'true'},'schedule':" + schedule
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    /** The job's executions, leaving out the rows that record slots the misfire policy dropped. */
    long executionsOf(String jobId) {
        return tdb.countWhere(
                "executions",
                "job_id='" + jobId + "' AND NOT (status='skipped' AND (stderr LIKE 'missed:%'"
                        + " OR stderr='skipped: the job was paused'))");
    }

    /** Rows recording slots a paused job did not fire. */
    long pausedOf(String jobId) {
        return tdb.countWhere(
                "executions",
                "job_id='" + jobId + "' AND status='skipped'" + " AND stderr='skipped: the job was paused'");
    }

    /** Rows recording slots the misfire policy dropped. */
    long missedOf(String jobId) {
        return tdb.countWhere("executions", "job_id='" + jobId + "' AND status='skipped' AND stderr LIKE 'missed:%'");
    }

    public long executionsAt(String jobId, String slot) {
        return tdb.countWhere(
                "executions",
                "job_id='" + jobId + "' AND scheduled_for_ms="
                        + java.time.Instant.parse(slot).toEpochMilli());
    }

    @Override
    public void close() {
        loop.close();
        release.close();
        retryLoop.close();
        parts.workers().close();
        parts.executor().shutdown(Duration.ofSeconds(5));
        parts.notifications().close();
    }
}
