package io.kronforce.controller.system;

import static io.kronforce.controller.fixtures.Rows.aJob;
import static io.kronforce.controller.fixtures.Rows.anExecution;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.listing.AuditEntry;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetentionTest {
    @TempDir
    Path dir;

    private final MutableInstantSource clock = MutableInstantSource.at("2026-06-30T00:00:00Z");
    private TestDatabase tdb;
    private Settings settings;
    private Retention retention;
    private Job job;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        settings = new Settings(
                tdb.db(), tdb.settings(), new AuditTrail(tdb.audit(), clock), SecretBox.fromPassphrase(null));
        retention = new Retention(
                tdb.db(),
                settings,
                new Retention.Stores(tdb.executions(), tdb.events(), tdb.audit()),
                clock,
                Optional.empty());
        job = aJob("retained");
        tdb.write(c -> tdb.jobs().insert(c, job));
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private long daysAgo(int days) {
        return clock.millis() - Duration.ofDays(days).toMillis();
    }

    private String execution(ExecutionStatus status, long createdAt, Long finishedAt) {
        var e = anExecution(job.id(), status, createdAt, finishedAt);
        tdb.write(c -> tdb.executions().insert(c, e));
        return e.id();
    }

    private void event(long at) {
        tdb.write(c -> tdb.events()
                .insert(
                        c,
                        new Event(
                                UUID.randomUUID().toString(),
                                "job.updated",
                                "info",
                                "m",
                                null,
                                null,
                                null,
                                null,
                                null,
                                null,
                                at)));
    }

    private void audit(long at) {
        tdb.write(c -> tdb.audit()
                .insert(
                        c,
                        new AuditEntry(
                                UUID.randomUUID().toString(), at, null, null, "job.updated", "job", null, null)));
    }

    @Test
    void purgesOldFinishedExecutionsAndEventsAndKeepsUnfinishedOnes() {
        String oldDone = execution(ExecutionStatus.SUCCEEDED, daysAgo(9), daysAgo(8));
        String recentDone = execution(ExecutionStatus.FAILED, daysAgo(9), daysAgo(6));
        String oldPending = execution(ExecutionStatus.PENDING, daysAgo(30), null);
        String oldRunning = execution(ExecutionStatus.RUNNING, daysAgo(30), null);
        event(daysAgo(8));
        event(daysAgo(6));

        Retention.Purged purged = retention.runOnce();

        assertEquals(new Retention.Purged(1, 1, 0), purged);
        assertTrue(tdb.executions().findById(oldDone).isEmpty());
        assertTrue(tdb.executions().findById(recentDone).isPresent());
        assertTrue(tdb.executions().findById(oldPending).isPresent());
        assertTrue(tdb.executions().findById(oldRunning).isPresent());
        assertEquals(1, tdb.count("events"));
    }

    @Test
    void purgesAuditRowsByTheirOwnRetention() {
        audit(daysAgo(91));
        audit(daysAgo(89));
        audit(daysAgo(8));

        assertEquals(new Retention.Purged(0, 0, 1), retention.runOnce());

        settings.seed("audit_retention_days", "30");
        assertEquals(new Retention.Purged(0, 0, 1), retention.runOnce());
        assertEquals(1, tdb.count("audit_log"));
    }

    @Test
    void followsTheRetentionDaysSetting() {
        execution(ExecutionStatus.SUCCEEDED, daysAgo(3), daysAgo(2));
        settings.seed("retention_days", "1");

        assertEquals(1, retention.runOnce().executions());
    }

    @Test
    void disablesEachPurgeWithZeroDays() {
        execution(ExecutionStatus.SUCCEEDED, daysAgo(400), daysAgo(400));
        event(daysAgo(400));
        audit(daysAgo(400));
        settings.seed("retention_days", "0");
        settings.seed("audit_retention_days", "0");

        assertEquals(new Retention.Purged(0, 0, 0), retention.runOnce());
        assertEquals(1, tdb.count("executions"));
        assertEquals(1, tdb.count("events"));
        assertEquals(1, tdb.count("audit_log"));
    }

    @Test
    void purgesMoreAsTheClockMovesOn() {
        execution(ExecutionStatus.SUCCEEDED, daysAgo(6), daysAgo(6));
        assertEquals(0, retention.runOnce().executions());

        clock.advance(Duration.ofDays(2));

        assertEquals(1, retention.runOnce().executions());
    }

    @Test
    void aHorizonGivenAtStartReplacesBothDaySettings() {
        Retention shortHorizon = new Retention(
                tdb.db(),
                settings,
                new Retention.Stores(tdb.executions(), tdb.events(), tdb.audit()),
                clock,
                Optional.of(Duration.ofMinutes(2)));
        long threeMinutesAgo = clock.millis() - Duration.ofMinutes(3).toMillis();
        long oneMinuteAgo = clock.millis() - Duration.ofMinutes(1).toMillis();
        execution(ExecutionStatus.SUCCEEDED, threeMinutesAgo, threeMinutesAgo);
        execution(ExecutionStatus.SUCCEEDED, oneMinuteAgo, oneMinuteAgo);
        event(threeMinutesAgo);
        audit(threeMinutesAgo);
        audit(oneMinuteAgo);
        settings.seed("retention_days", "0");

        assertEquals(new Retention.Purged(1, 1, 1), shortHorizon.runOnce());
        assertEquals(1, tdb.count("executions"));
        assertEquals(1, tdb.count("audit_log"));
    }

    @Test
    void purgesALargeBacklogInShortWritesSoOtherWritesInterleave() {
        long old = daysAgo(8);
        tdb.write(c -> {
            for (int i = 0; i <= Retention.BATCH; i++) {
                tdb.executions().insert(c, anExecution(job.id(), ExecutionStatus.SUCCEEDED, old, old));
            }
        });
        long writesBefore = tdb.db().writeCount();

        Retention.Purged purged = retention.runOnce();

        assertEquals(Retention.BATCH + 1, purged.executions());
        assertEquals(0, tdb.count("executions"));
        // Two writes for the executions (a full batch, then the rest), one each for events and audit.
        assertEquals(4, tdb.db().writeCount() - writesBefore);
    }
}
