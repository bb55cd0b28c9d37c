package io.kronforce.bench;

import java.io.IOException;
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

    private final HttpApi api;
    private final String path;
    private final int n;
    private final long deadlineNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder accepted = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final AtomicLong lastAccepted = new AtomicLong();
    private final AtomicReference<String> firstRejection = new AtomicReference<>();

    private Triggers(HttpApi api, String jobId, int n, long deadlineNanos) {
        this.api = api;
        this.path = "/api/jobs/" + jobId + "/trigger";
        this.n = n;
        this.deadlineNanos = deadlineNanos;
    }

    /** Fires the triggers and returns once every client is done or the deadline passed. */
    static Fired fire(HttpApi api, String jobId, int n, int clients, long deadlineNanos) throws InterruptedException {
        Triggers run = new Triggers(api, jobId, n, deadlineNanos);
        long first = System.nanoTime();
        Clients.run(clients, deadlineNanos, run::client);
        return new Fired(
                run.accepted.sum(), run.rejected.sum(), first, run.lastAccepted.get(), run.firstRejection.get());
    }

    private Void client() throws InterruptedException {
        while (next.getAndIncrement() < n && System.nanoTime() < deadlineNanos) {
            String rejection = triggerOnce();
            if (rejection == null) {
                accepted.increment();
                lastAccepted.accumulateAndGet(System.nanoTime(), Math::max);
            } else {
                rejected.increment();
                firstRejection.compareAndSet(null, rejection);
            }
        }
        return null;
    }

    /** Returns null on 202, else a description of what came back. */
    private String triggerOnce() throws InterruptedException {
        try {
            HttpApi.Response response = api.post(path);
            return response.status() == 202 ? null : response.status() + " " + JsonFields.abbreviate(response.body());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
