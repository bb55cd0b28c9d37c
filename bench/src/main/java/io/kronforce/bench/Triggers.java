package io.kronforce.bench;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fires {@code n} {@code POST /api/jobs/{id}/trigger} calls from a fixed number of virtual-thread
 * clients as fast as the controller accepts them; bounded by {@code n} and by a deadline.
 */
final class Triggers {

    /**
     * What the firing loop saw.
     *
     * @param accepted 202 answers
     * @param rejected other answers and failed calls
     * @param firstNanos {@link System#nanoTime()} before the first call
     * @param lastAcceptedNanos {@link System#nanoTime()} when the last 202 arrived
     * @param firstRejection status and body of the first non-202, or null
     */
    record Fired(long accepted, long rejected, long firstNanos, long lastAcceptedNanos, String firstRejection) {

        /** 202 answers per second, from the first call to the last 202. */
        double acceptedPerSecond() {
            return accepted / ((lastAcceptedNanos - firstNanos) / 1e9);
        }
    }

    private Triggers() {
    }

    /** Fires the triggers and returns once every client is done or the deadline passed. */
    static Fired fire(HttpApi api, String jobId, int n, int clients, long deadlineNanos) throws InterruptedException {
        String path = "/api/jobs/" + jobId + "/trigger";
        AtomicInteger next = new AtomicInteger();
        LongAdder accepted = new LongAdder();
        LongAdder rejected = new LongAdder();
        AtomicLong lastAccepted = new AtomicLong();
        AtomicReference<String> firstRejection = new AtomicReference<>();
        long first = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(() -> {
                    while (next.getAndIncrement() < n && System.nanoTime() < deadlineNanos) {
                        String rejection = triggerOnce(api, path);
                        if (rejection == null) {
                            accepted.increment();
                            lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
                        } else {
                            rejected.increment();
                            firstRejection.compareAndSet(null, rejection);
                        }
                    }
                    return null;
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(Math.max(1, deadlineNanos - System.nanoTime()) + 30_000_000_000L, TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Fired(accepted.sum(), rejected.sum(), first, lastAccepted.get(), firstRejection.get());
    }

    /** Returns null on 202, else a description of what came back. */
    private static String triggerOnce(HttpApi api, String path) throws InterruptedException {
        try {
            HttpApi.Response response = api.post(path);
            return response.status() == 202 ? null
                    : response.status() + " " + JsonFields.abbreviate(response.body());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
