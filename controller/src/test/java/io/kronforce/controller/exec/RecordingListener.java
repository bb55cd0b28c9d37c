package io.kronforce.controller.exec;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@link RunListener} that remembers what it heard: the order of callbacks, each result,
 * and the most runs it ever saw started and not yet finished. {@code finishLatency} stands in for
 * the store write a production listener does when a run ends.
 */
final class RecordingListener implements RunListener {
    static final Duration WAIT = Duration.ofSeconds(20);

    final List<String> calls = new CopyOnWriteArrayList<>();
    final Map<String, Long> startedAt = new ConcurrentHashMap<>();
    final Map<String, RunResult> results = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final Duration finishLatency;

    RecordingListener() {
        this(Duration.ZERO);
    }

    RecordingListener(Duration finishLatency) {
        this.finishLatency = finishLatency;
    }

    @Override
    public void started(String executionId, long atMs) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        startedAt.put(executionId, atMs);
        calls.add("started " + executionId);
    }

    @Override
    public void finished(String executionId, RunResult result) {
        if (!finishLatency.isZero()) {
            LockSupport.parkNanos(finishLatency.toNanos());
        }
        if (startedAt.containsKey(executionId)) {
            inFlight.decrementAndGet();
        }
        calls.add("finished " + executionId);
        results.put(executionId, result);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    void awaitStarted(String executionId) {
        await().atMost(WAIT).until(() -> startedAt.containsKey(executionId));
    }

    RunResult awaitResult(String executionId) {
        await().atMost(WAIT).pollInterval(10, TimeUnit.MILLISECONDS).until(() -> results.containsKey(executionId));
        return results.get(executionId);
    }
}
