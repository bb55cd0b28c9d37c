package io.kronforce.controller.schedule;

import io.kronforce.controller.domain.Job;
import io.kronforce.controller.duty.Duty;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduler's loop: an in-memory queue of (next fire, job) ordered by time ({@link FireQueue}),
 * filled at start from the persisted next fire times, and one platform thread that sleeps until
 * the earliest one (a {@link Duty}, woken at once by {@link #jobChanged}). Idle cost is one parked
 * thread whatever the job count; each fire or re-plan is O(log n) on the queue. The loop never
 * dies: a failing job is logged, counted and retried {@value #RETRY_MS} ms later; a failing step
 * (or a stray interrupt) is counted and the loop goes on. The jobs due in
 * one step are advanced concurrently on virtual threads, in the waves {@link Firings#waves} gives.
 *
 * <p>Thread-safe. Tests drive it without the thread: {@link #load()}, then {@link #runOnce(long)}.
 */
public final class TickLoop implements ScheduleChanges, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickLoop.class.getName());
    private static final long RETRY_MS = 5_000;
    /** Advances in flight at once within a wave; enough to fill the writer's batches, few enough to bound memory. */
    private static final int PARALLELISM = 64;
    /**
     * Batches in flight at once when the firings take many jobs per call: one reading while another
     * writes. More would only make every batch — the first one too — wait for all of them.
     */
    private static final int BATCHES_IN_FLIGHT = 2;

    private final Firings firings;
    private final InstantSource clock;
    private final FireQueue queue = new FireQueue();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;
    private final Duty duty;

    private final String name;

    public TickLoop(Firings firings, InstantSource clock) {
        this(firings, clock, "kronforce-scheduler");
    }

    /** A loop over other timed work keyed by id (planned retries, SLA checks), on a thread called {@code name}. */
    public TickLoop(Firings firings, InstantSource clock, String name) {
        this.firings = firings;
        this.clock = clock;
        this.name = name;
        // Closing lets the jobs in flight finish: an advance is a read and a write, cut short it would only retry.
        this.duty = new Duty(name, Duty.Plan.standard().finishStepOnClose(), this::step);
    }

    /** Fills the queue from the store: persisted next fires, plus unplanned jobs marked for planning. */
    public void load() {
        queue.load(firings.persisted());
        firings.unplanned().forEach(this::jobChanged);
    }

    /** Loads, then starts the thread. */
    public void start() {
        load();
        duty.start();
    }

    @Override
    public void jobChanged(String jobId) {
        queue.changed(jobId);
        duty.wake();
    }

    /**
     * A saved job this loop's firings do not concern ({@link Firings#concerns}) and that it holds no
     * plan for is left alone: a create of such a job costs the loop no read. Anything else is
     * re-read as for a change, which also keeps two racing edits harmless.
     */
    @Override
    public void jobSaved(Job saved, Long plannedFireMs) {
        if (firings.concerns(saved) || queue.holds(saved.id())) {
            jobChanged(saved.id());
        }
    }

    /**
     * This loop as a listener that also takes the next fire a change committed with it
     * ({@link ScheduleChanges#jobSaved}) straight into its queue, with no read of the job. Only for
     * the scheduler's own loop: its queue holds exactly the jobs' next fires. A stale plan taken this
     * way is harmless: the job is re-read when it comes due, and a later change re-plans it.
     */
    public ScheduleChanges takingCommittedPlans() {
        return new ScheduleChanges() {
            @Override
            public void jobChanged(String jobId) {
                TickLoop.this.jobChanged(jobId);
            }

            @Override
            public void jobSaved(Job saved, Long plannedFireMs) {
                if (plannedFireMs == null) {
                    jobChanged(saved.id()); // nothing committed with it: the loop plans the job
                    return;
                }
                queue.put(saved.id(), OptionalLong.of(firings.wakeFor(saved, plannedFireMs)));
                duty.wake(); // it may now be due before the time the loop sleeps until
            }
        };
    }

    /** One step: re-plans changed jobs, then advances every job due at {@code nowMs}; returns how many were due. */
    public int runOnce(long nowMs) {
        List<String> changed = queue.takeChanged();
        if (!changed.isEmpty()) {
            advanceAll(changed, nowMs);
        }
        List<String> due = queue.takeDue(nowMs);
        for (List<String> wave : due.size() > 1 ? firings.waves(due) : List.of(due)) {
            advanceAll(wave, nowMs);
        }
        return due.size();
    }

    /**
     * Advances the ids of one wave and returns when all are done. The ids go in chunks of
     * {@link Firings#batchSize()} (the scheduler's: one read and one write for a whole chunk), the
     * chunks concurrently on virtual threads, at most {@value #PARALLELISM} single jobs or
     * {@value #BATCHES_IN_FLIGHT} batches at a time. One by one, a
     * thousand due jobs would wait for a thousand commits in turn; together their writes share the
     * writer's commits, and a chunk's fires are admitted by a single write.
     */
    private void advanceAll(List<String> ids, long nowMs) {
        int size = Math.max(1, firings.batchSize());
        if (ids.size() <= size) {
            advanceChunk(ids, nowMs);
            return;
        }
        Semaphore permits = new Semaphore(size == 1 ? PARALLELISM : BATCHES_IN_FLIGHT);
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int from = 0; from < ids.size(); from += size) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + size));
                permits.acquireUninterruptibly();
                wave.execute(() -> {
                    try {
                        advanceChunk(chunk, nowMs);
                    } finally {
                        permits.release();
                    }
                });
            }
        } // close() waits for the wave
    }

    /** A chunk in one call; when it fails, each job again on its own, so one job's trouble stays its own. */
    private void advanceChunk(List<String> ids, long nowMs) {
        if (stopped) {
            return;
        }
        if (ids.size() == 1) {
            advance(ids.get(0), nowMs);
            return;
        }
        try {
            firings.advanceAll(ids, nowMs).forEach(queue::put);
        } catch (Throwable t) { // the loop must outlive any one job's trouble
            LOG.log(Level.FINE, name + ": a batch of " + ids.size() + " failed; advancing each alone", t);
            ids.forEach(id -> advance(id, nowMs));
        }
    }

    private void advance(String jobId, long nowMs) {
        if (stopped) {
            return;
        }
        try {
            queue.put(jobId, firings.advance(jobId, nowMs));
        } catch (Throwable t) { // the loop must outlive any one job's trouble
            failures.incrementAndGet();
            LOG.log(Level.WARNING, name + ": " + jobId + " failed; retrying in " + RETRY_MS + " ms", t);
            queue.put(jobId, OptionalLong.of(nowMs + RETRY_MS));
        }
    }

    /** One step of the thread, then how long to sleep: until the earliest planned fire, or at once when ids changed. */
    private Duration step() {
        runOnce(clock.millis());
        return Duration.ofMillis(queue.waitMs(clock.millis()));
    }

    /** The earliest planned fire, if any (for status and tests). */
    public OptionalLong nextWakeMs() {
        return queue.first();
    }

    /** Jobs whose advance failed plus steps of the thread that failed. */
    public long failures() {
        return failures.get() + duty.failures();
    }

    /** Stops the thread after the job it is on; waits for it up to 10 s. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        duty.close();
    }
}
