package io.kronforce.controller.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.JobVersion;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.journal.Journal;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.JobPlanStore;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Job changes: row, version, event and audit in one transaction, or nothing. */
class JobCatalogTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Principal OPERATOR = new Principal("k1", "ops", Role.OPERATOR, List.of());
    private static final HandlerCatalog REGISTRY =
            HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));

    @TempDir
    Path dir;

    private final MutableInstantSource clock = MutableInstantSource.at("2026-02-01T08:00:00Z");
    private final List<Event> published = new CopyOnWriteArrayList<>();
    private TestDatabase tdb;
    private JobCatalog catalog;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        EventLog events = new EventLog(tdb.events(), clock);
        events.subscribe(published::add);
        catalog = new JobCatalog(
                tdb.db(),
                tdb.jobs(),
                tdb.executions(),
                REGISTRY,
                new Journal(events, new AuditTrail(tdb.audit(), clock)),
                clock);
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static ObjectNode body(String json) {
        try {
            return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ObjectNode job(String name) {
        return body("{'name':'" + name + "','task':{'type':'shell','command':'echo hi'},"
                + "'schedule':{'type':'cron','value':'0 0 2 * * *'}}");
    }

    private static ObjectNode dependsOn(String... ids) {
        ObjectNode b = JSON.createObjectNode();
        var deps = b.putArray("depends_on");
        for (String id : ids) {
            deps.addObject().put("job_id", id);
        }
        return b;
    }

    /** jobs, job_versions, events, audit_log. */
    private List<Long> counts() {
        return List.of(tdb.count("jobs"), tdb.count("job_versions"), tdb.count("events"), tdb.count("audit_log"));
    }

    @Test
    void createWritesTheJobItsFirstVersionAnEventAndAnAuditRow() {
        Job job = catalog.create(OPERATOR, job("backup"));

        assertEquals(List.of(1L, 1L, 1L, 1L), counts());
        assertEquals(1, tdb.countWhere("audit_log", "operation='job.created' AND actor_key_id='k1'"));
        assertEquals(List.of("job.created"), published.stream().map(Event::kind).toList());
        assertEquals(job, catalog.require(job.id()));
        assertEquals(1, job.version());
    }

    @Test
    void aCreateOrChangeStoresTheNextFireAndHandsItToTheSchedulerAsIs() {
        List<String> told = new CopyOnWriteArrayList<>();
        catalog.listen(new ScheduleChanges() {
            @Override
            public void jobChanged(String jobId) {
                told.add("changed " + jobId);
            }

            @Override
            public void jobSaved(Job saved, Long plannedFireMs) {
                told.add(
                        plannedFireMs == null
                                ? "saved " + saved.id() + " v" + saved.version()
                                : "planned " + saved.id() + " " + Instant.ofEpochMilli(plannedFireMs));
            }
        });
        JobPlanStore plans = new JobPlanStore(tdb.db());

        Job cron = catalog.create(OPERATOR, job("nightly"));
        Job manual = catalog.create(
                OPERATOR,
                body("{'name':'manual','task':{'type':'shell','command':'true'},'schedule':{'type':'on_demand'}}"));
        clock.advance(Duration.ofDays(1)); // 2026-02-02T08:00Z: the next 02:00 is a day later
        catalog.update(OPERATOR, cron.id(), body("{'description':'moved'}"));
        catalog.update(OPERATOR, manual.id(), body("{'status':'paused'}"));

        assertEquals(
                List.of(
                        "planned " + cron.id() + " 2026-02-02T02:00:00Z",
                        "saved " + manual.id() + " v1",
                        "planned " + cron.id() + " 2026-02-03T02:00:00Z",
                        "saved " + manual.id() + " v2"),
                told);
        assertEquals(
                Instant.parse("2026-02-03T02:00:00Z").toEpochMilli(),
                plans.findPlanned(cron.id()).orElseThrow().nextFireMs());
        assertNull(plans.findPlanned(manual.id()).orElseThrow().nextFireMs());
    }

    @Test
    void updateBumpsTheVersionAndJournalsTheChange() {
        Job job = catalog.create(OPERATOR, job("backup"));
        clock.advance(Duration.ofMinutes(1));

        Job updated = catalog.update(OPERATOR, job.id(), body("{'description':'nightly','status':'paused'}"));

        assertEquals(2, updated.version());
        assertEquals("nightly", catalog.require(job.id()).spec().description());
        assertEquals(List.of(1L, 2L, 2L, 2L), counts());
        assertEquals(
                List.of(1, 2),
                catalog.versions(Principal.SYSTEM, job.id()).stream()
                        .map(JobVersion::version)
                        .sorted()
                        .toList());
    }

    @Test
    void deleteRemovesTheRowAndJournalsIt() {
        Job job = catalog.create(OPERATOR, job("backup"));

        catalog.delete(OPERATOR, job.id());

        assertEquals(List.of(0L, 1L, 2L, 2L), counts());
        assertEquals(1, tdb.countWhere("audit_log", "operation='job.deleted'"));
        assertThrows(KronforceException.NotFound.class, () -> catalog.require(job.id()));
    }

    @Test
    void aRejectedCreateStoresAndPublishesNothing() {
        catalog.create(OPERATOR, job("backup"));
        List<Long> before = counts();
        published.clear();

        var duplicate = assertThrows(KronforceException.Conflict.class, () -> catalog.create(OPERATOR, job("backup")));
        ObjectNode missingDependency = job("other").setAll(dependsOn("no-such-job"));
        assertThrows(KronforceException.InvalidInput.class, () -> catalog.create(OPERATOR, missingDependency));
        ObjectNode badCron = job("third");
        badCron.putObject("schedule").put("type", "cron").put("value", "0 2 * *");
        assertThrows(KronforceException.InvalidInput.class, () -> catalog.create(OPERATOR, badCron));

        assertEquals(ProblemType.DUPLICATE_NAME, duplicate.type());
        assertEquals(before, counts());
        assertEquals(List.of(), published);
    }

    @Test
    void refusesAnUpdateThatClosesADependencyCycle() {
        Job a = catalog.create(OPERATOR, job("a"));
        Job b = catalog.create(OPERATOR, job("b").setAll(dependsOn(a.id())));
        Job c = catalog.create(OPERATOR, job("c").setAll(dependsOn(b.id())));
        List<Long> before = counts();

        var e = assertThrows(
                KronforceException.InvalidInput.class, () -> catalog.update(OPERATOR, a.id(), dependsOn(c.id())));

        assertEquals("dependency cycle detected", e.getMessage());
        assertEquals(before, counts());
        assertEquals(1, catalog.require(a.id()).version());
    }

    @Test
    void refusesAJobThatDependsOnItself() {
        Job a = catalog.create(OPERATOR, job("a"));

        assertThrows(KronforceException.InvalidInput.class, () -> catalog.update(OPERATOR, a.id(), dependsOn(a.id())));
    }

    @Test
    void refusesAStaleIfUnmodifiedSince() {
        Job a = catalog.create(OPERATOR, job("a"));
        clock.advance(Duration.ofMinutes(5));
        catalog.update(OPERATOR, a.id(), body("{'description':'first'}"));

        var e = assertThrows(
                KronforceException.Conflict.class,
                () -> catalog.update(
                        OPERATOR,
                        a.id(),
                        body("{'description':'second','if_unmodified_since':'2026-02-01T08:00:00Z'}")));

        assertEquals(ProblemType.STALE_VERSION, e.type());
        assertEquals("first", catalog.require(a.id()).spec().description());
    }
}
