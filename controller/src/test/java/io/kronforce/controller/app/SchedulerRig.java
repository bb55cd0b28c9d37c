package io.kronforce.controller.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.exec.LocalExecutor;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.rules.OutputForwarder;
import io.kronforce.controller.schedule.TickLoop;
import io.kronforce.controller.store.AgentWorkStore;
import io.kronforce.controller.store.VariableStore;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.time.Duration;
import java.util.Optional;

/**
 * The scheduler wired as {@code Wiring} wires it, over one {@link TestDatabase} and a hand-set
 * clock, with the loop's thread not started: tests step it with {@link #step()}.
 */
final class SchedulerRig implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HandlerCatalog REGISTRY =
            HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    final TestDatabase tdb;
    final MutableInstantSource clock;
    final JobCatalog catalog;
    final TickLoop loop;
    final TickLoop retryLoop;
    final ExecutionControl control;
    private final LocalExecutor executor;

    SchedulerRig(TestDatabase tdb, MutableInstantSource clock) {
        this.tdb = tdb;
        this.clock = clock;
        EventLog events = new EventLog(tdb.events(), clock);
        AuditTrail audit = new AuditTrail(tdb.audit(), clock);
        JobCatalog.Journal journal = new JobCatalog.Journal(events, audit);
        catalog = new JobCatalog(tdb.db(), tdb.jobs(), REGISTRY, journal, clock);
        catalog.recordPausedSlots(tdb.executions());
        Variables variables = new Variables(tdb.db(), new VariableStore(tdb.db()),
                SecretBox.fromPassphrase("test-passphrase-for-scheduler"), audit, clock);
        control = new ExecutionControl(tdb.db(), tdb.executions(), catalog, variables, journal, clock);
        executor = new LocalExecutor(REGISTRY, control, clock, 8);
        control.attach(executor);
        control.attach(AgentRuntime.build(new WorkQueue.Parts(tdb.db(), new AgentWorkStore(tdb.db()), tdb.executions(),
                        catalog), journal, new AgentRuntime.Settings(new RemoteSettings(Duration.ofMinutes(10),
                        Duration.ofMinutes(5), 3, Optional.empty(), Optional.empty()),
                Duration.ofSeconds(30), io.kronforce.task.EgressPolicy.parse("")), clock).remote());
        control.attach(new OutputRulesHook(variables, events,
                new OutputForwarder(EgressPolicy.parse("127.0.0.1/32"))));
        loop = new TickLoop(new ScheduledFirings(tdb.db(), tdb.plans(), tdb.executions(), control, events), clock);
        catalog.listen(loop);
        events.subscribe(e -> {
            if ("execution.completed".equals(e.kind()) && e.jobId() != null) {
                loop.jobChanged(e.jobId());
            }
        });
        loop.load();
        retryLoop = new TickLoop(control.retries(), clock, "test-retries");
        control.retries().attach(retryLoop);
        retryLoop.load();
    }

    /** One step of the retry timer at the clock's current time; returns how many retries were due. */
    int stepRetries() {
        return retryLoop.runOnce(clock.millis());
    }

    /** One loop step at the clock's current time. */
    int step() {
        return loop.runOnce(clock.millis());
    }

    Job create(String singleQuotedJson) {
        return catalog.create(Principal.SYSTEM, body(singleQuotedJson));
    }

    Job update(String id, String singleQuotedJson) {
        return catalog.update(Principal.SYSTEM, id, body(singleQuotedJson));
    }

    static ObjectNode body(String singleQuotedJson) {
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
        return tdb.countWhere("executions", "job_id='" + jobId + "' AND NOT (status='skipped' AND (stderr LIKE 'missed:%'"
                + " OR stderr='skipped: the job was paused'))");
    }

    /** Rows recording slots a paused job did not fire. */
    long pausedOf(String jobId) {
        return tdb.countWhere("executions", "job_id='" + jobId + "' AND status='skipped'"
                + " AND stderr='skipped: the job was paused'");
    }

    /** Rows recording slots the misfire policy dropped. */
    long missedOf(String jobId) {
        return tdb.countWhere("executions", "job_id='" + jobId + "' AND status='skipped' AND stderr LIKE 'missed:%'");
    }

    long executionsAt(String jobId, String slot) {
        return tdb.countWhere("executions", "job_id='" + jobId + "' AND scheduled_for_ms="
                + java.time.Instant.parse(slot).toEpochMilli());
    }

    @Override
    public void close() {
        loop.close();
        retryLoop.close();
        executor.shutdown(Duration.ofSeconds(5));
    }
}
