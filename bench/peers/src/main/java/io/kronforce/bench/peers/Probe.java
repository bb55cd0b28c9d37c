package io.kronforce.bench.peers;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the job bodies and the peers' completion hooks report, in static fields: the peers build
 * their jobs from class names or serialised lambdas, so a body cannot be handed an object. One
 * measurement per JVM keeps that harmless.
 */
public final class Probe {

    /** Room for the warm-up plus the measured one-shot jobs of W1 (indices beyond are not timed). */
    private static final int CAPACITY = 1 << 15;

    private static final AtomicLongArray STARTED_NS = new AtomicLongArray(CAPACITY);
    private static final AtomicInteger BODIES = new AtomicInteger();
    private static final AtomicInteger RECORDED = new AtomicInteger();
    private static volatile long lastRecordedNs;
    private static volatile CronLedger cronLedger;

    private Probe() {}

    /** The body of every one-shot job: note when it started, then the work (one increment). */
    public static void oneShot(int index) {
        long now = System.nanoTime();
        if (index >= 0 && index < CAPACITY) {
            STARTED_NS.set(index, now);
        }
        BODIES.incrementAndGet();
    }

    /** The body of every W3 recurring job; {@code scheduledMs} is the peer's own planned fire time. */
    public static void cronFired(int job, long scheduledMs) {
        Instant now = Instant.now();
        long startedUs = now.getEpochSecond() * 1_000_000L + now.getNano() / 1000;
        CronLedger ledger = cronLedger;
        if (ledger != null) {
            ledger.record(job, scheduledMs, startedUs);
        }
        BODIES.incrementAndGet();
    }

    /** The body of the W4 jobs, which a yearly cron never runs in the measurement. */
    public static void neverDue() {
        BODIES.incrementAndGet();
    }

    /** Called by a peer's post-save hook once a completion is stored. */
    static void completionRecorded() {
        lastRecordedNs = System.nanoTime();
        RECORDED.incrementAndGet();
    }

    static void useCronLedger(CronLedger ledger) {
        cronLedger = ledger;
    }

    /** When job {@code index} started, or 0 while it has not. */
    static long startedNs(int index) {
        return STARTED_NS.get(index);
    }

    static int bodies() {
        return BODIES.get();
    }

    /**
     * For peers with a post-save hook: when the {@code count}-th completion was stored, or 0 while
     * fewer are. The time is the hook's, not the time someone looked.
     */
    static long recordedAtNs(int count) {
        return RECORDED.get() >= count ? lastRecordedNs : 0;
    }
}
