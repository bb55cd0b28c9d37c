package io.kronforce.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs C closed-loop clients, each on its own virtual thread, and waits for them to finish. */
final class Clients {
    private Clients() {}

    /**
     * Starts {@code clients} copies of {@code client} and returns when all are done, or 30 s after
     * {@code deadlineNanos} (each call is bounded by its request timeout; this guards a hung one).
     */
    static void run(int clients, long deadlineNanos, Callable<Void> client) throws InterruptedException {
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                pool.submit(client);
            }
            pool.shutdown();
            long waitNanos = Math.max(0, deadlineNanos - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30);
            if (!pool.awaitTermination(waitNanos, TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
            }
        }
    }
}
