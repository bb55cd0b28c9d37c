package io.kronforce.controller.schedule;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The scheduler's loop: an in-memory queue of (next fire, job) ordered by time, filled at start
 * from the persisted next fire times, and one platform thread that sleeps until the earliest one
 * (a {@link Condition} wait, woken at once by {@link #jobChanged}). Idle cost is one parked
 * thread whatever the job count; each fire or re-plan is O(log n) on the queue. The loop never
 * dies: a failing job is logged, counted and retried {@value #RETRY_MS} ms later. The jobs due in
 * one step are advanced concurrently on virtual threads, in the waves {@link Firings#waves} gives.
 *
 * <p>Thread-safe. Tests drive it without the thread: {@link #load()}, then {@link #runOnce(long)}.
 */
public final class TickLoop implements ScheduleChanges, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TickLoop.class.getName());
    /** Re-read the clock at least this often, so a wall-clock step is noticed. */
    private static final long MAX_WAIT_MS = 60_000;
    private static final long RETRY_MS = 5_000;
    /** Advances in flight at once within a wave; enough to fill the writer's batches, few enough to bound memory. */
    private static final int PARALLELISM = 64;
    private static final Comparator<Firings.Due> ORDER =
            Comparator.comparingLong(Firings.Due::atMs).thenComparing(Firings.Due::jobId);

    private final Firings firings;
    private final InstantSource clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final NavigableSet<Firings.Due> queue = new TreeSet<>(ORDER); // guarded by lock
    private final Map<String, Long> planned = new HashMap<>(); // guarded by lock
    private final Set<String> dirty = new LinkedHashSet<>(); // guarded by lock
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean stopped;
    private volatile Thread thread;

    private final String name;

    public TickLoop(Firings firings, InstantSource clock) {
        this(firings, clock, "kronforce-scheduler");
    }

    /** A loop over other timed work keyed by id (planned retries, SLA checks), on a thread called {@code name}. */
    public TickLoop(Firings firings, InstantSource clock, String name) {
        this.firings = firings;
        this.clock = clock;
        this.name = name;
    }

    /** Fills the queue from the store: persisted next fires, plus unplanned jobs marked for planning. */
    public void load() {
        for (Firings.Due d : firings.persisted()) {
            put(d.jobId(), OptionalLong.of(d.atMs()));
        }
        firings.unplanned().forEach(this::jobChanged);
    }

    /** Loads, then starts the thread. */
    public void start() {
        load();
        thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
    }

    @Override
    public void jobChanged(String jobId) {
        lock.lock();
        try {
            dirty.add(jobId);
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One step: re-plans changed jobs, then advances every job due at {@code nowMs}; returns how many were due. */
    public int runOnce(long nowMs) {
        List<String> changed = take(nowMs, true);
        if (!changed.isEmpty()) {
            advanceAll(changed, nowMs);
        }
        List<String> due = take(nowMs, false);
        for (List<String> wave : due.size() > 1 ? firings.waves(due) : List.of(due)) {
            advanceAll(wave, nowMs);
        }
        return due.size();
    }

    /**
     * Advances the ids of one wave concurrently, on virtual threads, at most {@value #PARALLELISM}
     * at a time, and returns when all are done. Each advance is its own read and write; run one
     * after the other, a thousand due jobs would wait for a thousand commits in turn, while run
     * together their writes share the writer's group commits.
     */
    private void advanceAll(List<String> ids, long nowMs) {
        if (ids.size() == 1) {
            advance(ids.get(0), nowMs);
            return;
        }
        Semaphore permits = new Semaphore(PARALLELISM);
        try (ExecutorService wave = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String id : ids) {
                permits.acquireUninterruptibly();
                wave.execute(() -> {
                    try {
                        advance(id, nowMs);
                    } finally {
                        permits.release();
                    }
                });
            }
        } // close() waits for the wave
    }

    private void advance(String jobId, long nowMs) {
        if (stopped) {
            return;
        }
        try {
            put(jobId, firings.advance(jobId, nowMs));
        } catch (Throwable t) { // the loop must outlive any one job's trouble
            failures.incrementAndGet();
            LOG.log(Level.WARNING, name + ": " + jobId + " failed; retrying in " + RETRY_MS + " ms", t);
            put(jobId, OptionalLong.of(nowMs + RETRY_MS));
        }
    }

    private List<String> take(long nowMs, boolean changed) {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            if (changed) {
                out.addAll(dirty);
                dirty.clear();
                return out;
            }
            while (!queue.isEmpty() && queue.first().atMs() <= nowMs) {
                Firings.Due d = queue.pollFirst();
                planned.remove(d.jobId());
                out.add(d.jobId());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    private void put(String jobId, OptionalLong next) {
        lock.lock();
        try {
            Long old = planned.remove(jobId);
            if (old != null) {
                queue.remove(new Firings.Due(jobId, old));
            }
            if (next.isPresent()) {
                planned.put(jobId, next.getAsLong());
                queue.add(new Firings.Due(jobId, next.getAsLong()));
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop() {
        while (!stopped) {
            try {
                runOnce(clock.millis());
                awaitWork();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                failures.incrementAndGet();
                LOG.log(Level.SEVERE, name + " step failed; continuing", t);
            }
        }
    }

    /** Parks until a job changed or the earliest planned fire is due (or stop). */
    private void awaitWork() throws InterruptedException {
        lock.lock();
        try {
            while (!stopped && dirty.isEmpty()) {
                long now = clock.millis();
                long first = queue.isEmpty() ? Long.MAX_VALUE : queue.first().atMs();
                if (first <= now) {
                    return;
                }
                wake.awaitNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_WAIT_MS, first - now)));
            }
        } finally {
            lock.unlock();
        }
    }

    /** The earliest planned fire, if any (for status and tests). */
    public OptionalLong nextWakeMs() {
        lock.lock();
        try {
            return queue.isEmpty() ? OptionalLong.empty() : OptionalLong.of(queue.first().atMs());
        } finally {
            lock.unlock();
        }
    }

    public long failures() {
        return failures.get();
    }

    /** Stops the thread after the job it is on; waits for it up to 10 s. Idempotent. */
    @Override
    public void close() {
        stopped = true;
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
