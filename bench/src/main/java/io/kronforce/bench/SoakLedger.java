package io.kronforce.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The soak's book of runs: each accepted trigger (with its due time) is matched with the
 * completion notice of its execution, whichever of the two arrives first, and the pair's latency
 * (due → recorded) lands in the minute the completion arrived in. Rejected triggers, failed runs
 * and lost notices (a {@code resync} of the change stream) are counted in the minute they were seen.
 * Thread-safe; times are {@link System#nanoTime()} values passed in, so tests need no clock.
 */
final class SoakLedger {

    /** What one minute saw. */
    record Minute(long[] sortedLatencyNanos, long succeeded, long failed, long rejected, long resyncs) {

        /** Rejected triggers and failed runs. */
        long errors() {
            return failed + rejected;
        }
    }

    private sealed interface Half permits Sent, Finished {}

    private record Sent(long dueNanos) implements Half {}

    private record Finished(long nanos, boolean succeeded) implements Half {}

    /** Counters of one minute; guarded by its own monitor. */
    private static final class Bucket {
        final LongSamples latencies = new LongSamples();
        long succeeded;
        long failed;
        long rejected;
        long resyncs;

        synchronized Minute snapshot() {
            return new Minute(LongSamples.sortedUnion(List.of(latencies)), succeeded, failed, rejected, resyncs);
        }
    }

    private final Pacer pacer;
    private final ConcurrentHashMap<String, Half> unmatched = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, Bucket> minutes = new ConcurrentHashMap<>();

    SoakLedger(Pacer pacer) {
        this.pacer = pacer;
    }

    /** Trigger due at {@code dueNanos} was accepted (202) and created execution {@code executionId}. */
    void accepted(String executionId, long dueNanos) {
        meet(executionId, new Sent(dueNanos));
    }

    /** The change stream announced {@code executionId} finished at {@code nanos}. */
    void finished(String executionId, long nanos, boolean succeeded) {
        meet(executionId, new Finished(nanos, succeeded));
    }

    /** A trigger answered with anything but 202 (or failed) at {@code nanos}. */
    void rejected(long nanos) {
        inBucket(nanos, b -> b.rejected++);
    }

    /** The change stream dropped notices at {@code nanos}: some runs will never be matched. */
    void resync(long nanos) {
        inBucket(nanos, b -> b.resyncs++);
    }

    /** Minute {@code minute} (0 = the first) as counted so far. */
    Minute minute(int minute) {
        Bucket b = minutes.get(minute);
        return b == null ? new Bucket().snapshot() : b.snapshot();
    }

    /** Every minute together, those after the last sampled one included. */
    Minute total() {
        long succeeded = 0;
        long failed = 0;
        long rejected = 0;
        long resyncs = 0;
        for (Bucket b : minutes.values()) {
            Minute m = b.snapshot();
            succeeded += m.succeeded();
            failed += m.failed();
            rejected += m.rejected();
            resyncs += m.resyncs();
        }
        return new Minute(new long[0], succeeded, failed, rejected, resyncs);
    }

    /** Accepted triggers whose completion has not been seen (yet). */
    List<String> unfinished() {
        List<String> ids = new ArrayList<>();
        unmatched.forEach((id, half) -> {
            if (half instanceof Sent) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** Completion notices of executions no accepted trigger of ours named. */
    long strangers() {
        return unmatched.values().stream().filter(h -> h instanceof Finished).count();
    }

    private void meet(String executionId, Half half) {
        Half[] other = new Half[1];
        unmatched.compute(executionId, (id, waiting) -> {
            if (waiting == null || waiting.getClass() == half.getClass()) {
                return half;
            }
            other[0] = waiting;
            return null;
        });
        if (other[0] != null) {
            Sent sent = (Sent) (half instanceof Sent ? half : other[0]);
            Finished done = (Finished) (half instanceof Finished ? half : other[0]);
            inBucket(done.nanos(), b -> {
                b.latencies.add(done.nanos() - sent.dueNanos());
                if (done.succeeded()) {
                    b.succeeded++;
                } else {
                    b.failed++;
                }
            });
        }
    }

    private void inBucket(long nanos, Consumer<Bucket> change) {
        Bucket b = minutes.computeIfAbsent(Math.max(0, pacer.minuteOf(nanos)), m -> new Bucket());
        synchronized (b) {
            change.accept(b);
        }
    }
}
