package io.kronforce.bench;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;

/**
 * Creates up to {@code n} jobs through {@code POST /api/jobs} from a fixed number of virtual-thread
 * clients; bounded by {@code n} and by a deadline (B6 reports how many it got, not what it hoped).
 */
final class JobLoader {

    /**
     * What the loading loop achieved.
     *
     * @param created 201 answers
     * @param failed other answers and failed calls
     * @param seconds wall time of the whole load
     * @param firstFailure status and body of the first non-201, or null
     */
    record Loaded(long created, long failed, double seconds, String firstFailure) {

        /** Jobs created per second. */
        double perSecond() {
            return created / seconds;
        }
    }

    private final HttpApi api;
    private final IntFunction<String> body;
    private final int n;
    private final long deadlineNanos;
    private final AtomicInteger next = new AtomicInteger();
    private final LongAdder created = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    private JobLoader(HttpApi api, IntFunction<String> body, int n, long deadlineNanos) {
        this.api = api;
        this.body = body;
        this.n = n;
        this.deadlineNanos = deadlineNanos;
    }

    /** Creates jobs {@code 0..n-1}, job {@code i} from {@code body.apply(i)}; returns when done or past the deadline. */
    static Loaded load(HttpApi api, IntFunction<String> body, int n, int clients, long deadlineNanos)
            throws InterruptedException {
        JobLoader run = new JobLoader(api, body, n, deadlineNanos);
        long start = System.nanoTime();
        Clients.run(clients, deadlineNanos, run::client);
        return new Loaded(
                run.created.sum(), run.failed.sum(), (System.nanoTime() - start) / 1e9, run.firstFailure.get());
    }

    private Void client() throws InterruptedException {
        for (int i = next.getAndIncrement(); i < n && System.nanoTime() < deadlineNanos; i = next.getAndIncrement()) {
            String failure = createOnce(body.apply(i));
            if (failure == null) {
                created.increment();
            } else {
                failed.increment();
                firstFailure.compareAndSet(null, failure);
            }
        }
        return null;
    }

    /** Returns null on 201, else a description of what came back. */
    private String createOnce(String json) throws InterruptedException {
        try {
            HttpApi.Response response = api.post("/api/jobs", json);
            return response.status() == 201 ? null : response.status() + " " + JsonFields.abbreviate(response.body());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
