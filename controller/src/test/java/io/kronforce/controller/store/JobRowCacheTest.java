package io.kronforce.controller.store;

import static io.kronforce.controller.fixtures.Rows.aJob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.JobStatus;
import io.kronforce.controller.fixtures.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs read from memory stay what the file holds: every write path of a job's row forgets it once its transaction ends. */
class JobRowCacheTest {
    /**
     * SQL that changes a job as read: its row, or the webhook whose prefix a read carries — or SQL whose
     * table is not written out ({@code "DELETE FROM " + table}), which may be either.
     */
    private static final Pattern JOB_WRITE = Pattern.compile(
            "(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+((jobs|webhooks)\\b|\"\\s*\\+)");
    /** The stores that forget what they change. */
    private static final List<String> FORGETTING_STORES =
            List.of("JobStore.java", "JobPlanStore.java", "WebhookStore.java", "DataStore.java");

    @TempDir
    Path dir;

    private TestDatabase tdb;
    private JobStore jobs;
    private Job job;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        jobs = tdb.jobs();
        job = aJob("nightly-report");
        tdb.write(c -> jobs.insert(c, job));
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    @Test
    void aSecondReadComesFromMemory() {
        Job first = jobs.findById(job.id()).orElseThrow();
        long reads = tdb.db().readCount();
        assertSame(first, jobs.findById(job.id()).orElseThrow());
        assertEquals(reads, tdb.db().readCount(), "the second read went to the file");
    }

    @Test
    void anUpdateIsSeenByTheNextRead() {
        jobs.findById(job.id()).orElseThrow();
        Job renamed = renamed(job, "nightly-report-v2");
        tdb.write(c -> assertTrue(jobs.update(c, renamed, job.version(), null)));
        assertEquals("nightly-report-v2", jobs.findById(job.id()).orElseThrow().name());
        // Through another store of the same file too: the cache belongs to the database, not to a store.
        assertEquals(
                "nightly-report-v2",
                new JobStore(tdb.db()).findById(job.id()).orElseThrow().name());
    }

    @Test
    void aRolledBackUpdateLeavesTheStoredJob() {
        jobs.findById(job.id()).orElseThrow();
        assertThrows(
                IllegalStateException.class,
                () -> tdb.db().write(c -> {
                    jobs.update(c, renamed(job, "never-committed"), job.version(), null);
                    throw new IllegalStateException("rolled back");
                }));
        assertEquals("nightly-report", jobs.findById(job.id()).orElseThrow().name());
    }

    @Test
    void aDeleteIsSeenByTheNextRead() {
        jobs.findById(job.id()).orElseThrow();
        tdb.write(c -> assertTrue(jobs.delete(c, job.id())));
        assertTrue(jobs.findById(job.id()).isEmpty());
    }

    @Test
    void aWebhookChangeIsSeenByTheNextRead() {
        WebhookStore hooks = new WebhookStore(tdb.db());
        assertNull(jobs.findById(job.id()).orElseThrow().webhookPrefix());
        tdb.write(c -> hooks.replace(c, job.id(), "hash-1", "kfw_abcd"));
        assertEquals("kfw_abcd", jobs.findById(job.id()).orElseThrow().webhookPrefix());
        tdb.write(c -> assertTrue(hooks.delete(c, job.id())));
        assertNull(jobs.findById(job.id()).orElseThrow().webhookPrefix());
    }

    @Test
    void theSchedulerEndingAScheduleIsSeenByTheNextRead() {
        tdb.write(c -> jobs.update(c, job, job.version(), 5_000L));
        assertEquals(JobStatus.SCHEDULED, jobs.findById(job.id()).orElseThrow().status());
        tdb.write(c ->
                assertTrue(tdb.plans().advancePlan(c, job.id(), job.version(), 5_000L, null, JobStatus.UNSCHEDULED)));
        assertEquals(
                JobStatus.UNSCHEDULED, jobs.findById(job.id()).orElseThrow().status());
    }

    @Test
    void aRowReadBeforeAChangeEndedIsNotKept() {
        JobRowCache cache = new JobRowCache();
        long readAt = cache.generation();
        cache.forget(job.id()); // a write ended while the row was being read
        cache.keep(job, readAt);
        assertTrue(cache.get(job.id()).isEmpty());
        cache.keep(job, cache.generation());
        assertSame(job, cache.get(job.id()).orElseThrow());
    }

    @Test
    void onlyTheForgettingStoresWriteAJobsRow() throws IOException {
        Path main = Path.of("src/main/java");
        List<String> offenders = new ArrayList<>();
        try (Stream<Path> files = Files.walk(main)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (FORGETTING_STORES.contains(f.getFileName().toString())) {
                    continue;
                }
                if (JOB_WRITE.matcher(Files.readString(f)).find()) {
                    offenders.add(main.relativize(f).toString());
                }
            }
        }
        assertEquals(List.of(), offenders, "these write jobs or webhooks without forgetting the cached job");
        assertFalse(FORGETTING_STORES.isEmpty());
    }

    private static Job renamed(Job j, String name) {
        return new Job(
                j.id(),
                name,
                j.spec(),
                j.status(),
                j.createdBy(),
                j.createdAtMs(),
                j.updatedAtMs() + 1,
                j.version() + 1,
                j.webhookPrefix());
    }
}
