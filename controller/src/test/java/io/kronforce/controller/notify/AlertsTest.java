package io.kronforce.controller.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.store.OutboxStore;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.EventKind;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SLA, retry and agent alerts become outbox rows under the rules that ask for them (upstream sends none). */
class AlertsTest {
    @TempDir
    Path dir;

    final MutableInstantSource clock = MutableInstantSource.at("2026-03-01T10:00:00Z");
    TestDatabase tdb;
    JobCatalog jobs;
    CompletionListener listener;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        EgressPolicy egress = EgressPolicy.parse("127.0.0.1/32");
        jobs = new JobCatalog(
                tdb.db(),
                tdb.jobs(),
                tdb.executions(),
                HandlerCatalog.load(new HandlerSettings(egress)),
                new Journal(new EventLog(tdb.events(), clock), new AuditTrail(tdb.audit(), clock)),
                clock);
        ChannelCatalog catalog =
                ChannelCatalog.load(new ChannelSettings(egress, Duration.ofSeconds(5), clock.withZone(ZoneOffset.UTC)));
        Outbox outbox = new Outbox(tdb.db(), new OutboxStore(tdb.db()), tdb.settings()::all, catalog, clock, () -> {});
        listener = new CompletionListener(tdb.executions(), tdb.jobs(), outbox);
        tdb.write(
                c -> c.createStatement()
                        .executeUpdate(
                                "INSERT INTO settings (key, value) VALUES "
                                        + "('notification_webhook', '{\"enabled\":true,\"url\":\"http://127.0.0.1:9/hook\",\"format\":\"slack\"}')"));
    }

    @AfterEach
    void close() {
        listener.close();
        tdb.close();
    }

    private static final ObjectMapper JSON = new ObjectMapper().configure(JsonParser.Feature.ALLOW_SINGLE_QUOTES, true);

    private Job job(String name, String notifications) {
        try {
            return jobs.create(Principal.SYSTEM, (ObjectNode) JSON.readTree("{'name':'" + name + "','task':{'type':"
                    + "'shell','command':'true'},'schedule':{'type':'on_demand'},'notifications':" + notifications
                    + "}"));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Event event(String kind, String jobId, String message) {
        return new Event(
                "ev-" + kind + "-" + jobId,
                kind,
                "error",
                message,
                jobId,
                null,
                null,
                null,
                "exec-1",
                null,
                1_772_359_200_000L);
    }

    private List<OutboxStore.Row> rows() {
        return new OutboxStore(tdb.db()).all();
    }

    @Test
    void anSlaBreachAlertsUnderOnFailureAndAWarningOnlyUnderOnSla() {
        Job failures = job("failures", "{'on_failure':true}");
        listener.alert(event("sla.warning", failures.id(), "SLA warning: job 'failures' …"), EventKind.SLA_WARNING);
        assertEquals(0, rows().size(), "on_failure does not ask for warnings");
        listener.alert(
                event("sla.breach", failures.id(), "SLA breach: job 'failures' missed its deadline 06:00 UTC"),
                EventKind.SLA_BREACH);
        assertEquals(1, rows().size());
        String json = rows().get(0).notificationJson();
        assertTrue(json.contains("[Kronforce] Job 'failures' missed its SLA"), json);
        assertTrue(json.contains("missed its deadline 06:00 UTC"), json);

        Job sla = job("watched", "{'on_sla':true}");
        listener.alert(event("sla.warning", sla.id(), "SLA warning: job 'watched'"), EventKind.SLA_WARNING);
        assertEquals(2, rows().size());
        listener.alert(event("sla.warning", sla.id(), "SLA warning: job 'watched'"), EventKind.SLA_WARNING);
        assertEquals(2, rows().size(), "the same event twice queues nothing more");
    }

    @Test
    void agentOfflineAlertsOnlyWhenTheSystemAlertIsOn() {
        listener.alert(
                event("agent.offline", null, "Agent 'edge-1' went offline (heartbeat timeout)"),
                EventKind.AGENT_OFFLINE);
        assertEquals(0, rows().size());
        tdb.write(c -> c.createStatement()
                .executeUpdate("INSERT INTO settings (key, value) VALUES "
                        + "('notification_system_alerts', '{\"agent_offline\":true}')"));
        listener.alert(
                event("agent.offline", null, "Agent 'edge-1' went offline (heartbeat timeout)"),
                EventKind.AGENT_OFFLINE);
        assertEquals(1, rows().size());
        assertTrue(rows().get(0).notificationJson().contains("[Kronforce] Agent 'edge-1' went offline"));
    }

    @Test
    void eventsReplayedAtStartQueueWhatACrashLostAndNothingTwice() {
        Job job = job("crashed", "{'on_failure':true}");
        EventLog log = new EventLog(tdb.events(), clock);
        io.kronforce.controller.domain.Execution failed = new io.kronforce.controller.domain.Execution(
                "exec-9",
                job.id(),
                null,
                job.task(),
                io.kronforce.controller.domain.ExecutionStatus.FAILED,
                1,
                "",
                "boom",
                false,
                false,
                clock.millis(),
                clock.millis(),
                JSON.createObjectNode().put("type", "api"),
                null,
                clock.millis(),
                null,
                1,
                null,
                null);
        // The run's commit happened, the listener never heard it (the controller died in between).
        tdb.write(c -> {
            tdb.executions().insert(c, failed);
            log.write(
                    c,
                    Principal.SYSTEM,
                    io.kronforce.controller.domain.EventKind.EXECUTION_COMPLETED,
                    "error",
                    "Job 'crashed' execution exec-9 finished: " + "Failed",
                    new EventLog.Subject(job.id(), "exec-9", null, null));
        });
        assertEquals(0, rows().size());

        listener.replay(log, clock.millis() - 60_000);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> rows().size() == 1);
        listener.replay(log, clock.millis() - 60_000);
        listener.close(); // lets the queued hand-overs finish
        assertEquals(1, rows().size(), "a replayed event adds nothing it already added");
    }
}
