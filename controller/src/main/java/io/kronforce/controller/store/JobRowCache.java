package io.kronforce.controller.store;

import io.kronforce.controller.domain.Job;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jobs as last read, by id: this process is the only writer of the file, so a row stays true until
 * one of our own writes changes it, and every read of a job (a GET, a trigger, a run's finish) can
 * skip SQLite. The stores that change a job's row or its webhook call {@link #forget} once their
 * transaction ends ({@code Database.afterTransaction}).
 *
 * <p>A reader fills the cache with what it read at the generation it saw before reading; a change
 * that ended meanwhile moved the generation, and the reader takes its row back out, so a row read
 * before a commit never outlives the commit. Bounded: past {@value #LIMIT} jobs it starts over.
 * Thread-safe.
 */
final class JobRowCache {
    static final int LIMIT = 20_000;

    private final ConcurrentHashMap<String, Job> byId = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    Optional<Job> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Taken before a read whose row may be kept ({@link #keep}). */
    long generation() {
        return generation.get();
    }

    /** Keeps a row read after {@link #generation} answered {@code readAt}, unless a change ended since. */
    void keep(Job job, long readAt) {
        if (byId.size() >= LIMIT) {
            byId.clear();
        }
        byId.put(job.id(), job);
        if (generation.get() != readAt) {
            byId.remove(job.id(), job);
        }
    }

    /** After a transaction that changed the job's row or its webhook ended, committed or not. */
    void forget(String jobId) {
        generation.incrementAndGet();
        byId.remove(jobId);
    }

    /** After a transaction that changed many jobs at once ended. */
    void forgetAll() {
        generation.incrementAndGet();
        byId.clear();
    }
}
