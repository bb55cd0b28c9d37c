package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The soak's load: {@code POST /api/jobs/{id}/trigger} on the {@link Pacer}'s open-loop schedule,
 * round-robin over a set of on-demand jobs, each send on its own virtual thread so a slow answer
 * never delays the next send. What comes back goes into the {@link SoakLedger}.
 */
final class SoakLoad {

    /**
     * Sends waiting for an answer at once; past this the schedule waits (and the wait shows in the
     * latency, which is measured from the due time), so a stalled controller cannot make the driver
     * open connections without end.
     */
    static final int MAX_IN_FLIGHT = 2_000;

    /**
     * What the sending loop saw.
     *
     * @param sends triggers sent
     * @param maxLateMs the most a send left after its due time (the driver's own lag, or the in-flight cap)
     * @param firstRejection status and body of the first answer that was not 202, or null
     */
    record Sent(long sends, double maxLateMs, String firstRejection) {}

    private final HttpApi api;
    private final List<String> triggerPaths;
    private final SoakLedger ledger;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final AtomicReference<String> firstRejection = new AtomicReference<>();

    SoakLoad(HttpApi api, List<String> jobIds, SoakLedger ledger) {
        this.api = api;
        this.triggerPaths =
                jobIds.stream().map(id -> "/api/jobs/" + id + "/trigger").toList();
        this.ledger = ledger;
    }

    /** Sends {@code sends} triggers on {@code pacer}'s schedule, then waits (up to {@code drain}) for their answers. */
    Sent run(Pacer pacer, long sends, Duration drain) throws InterruptedException {
        long maxLateNanos = 0;
        for (long i = 0; i < sends; i++) {
            long due = pacer.dueNanos(i);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            inFlight.acquire();
            maxLateNanos = Math.max(maxLateNanos, System.nanoTime() - due);
            String path = triggerPaths.get((int) (i % triggerPaths.size()));
            Thread.startVirtualThread(() -> send(path, due));
        }
        if (inFlight.tryAcquire(MAX_IN_FLIGHT, drain.toMillis(), TimeUnit.MILLISECONDS)) {
            inFlight.release(MAX_IN_FLIGHT);
        }
        return new Sent(sends, maxLateNanos / 1e6, firstRejection.get());
    }

    private void send(String path, long dueNanos) {
        try {
            HttpApi.Response response = api.post(path);
            if (response.status() == 202) {
                ledger.accepted(JsonFields.get(response.body(), "execution_id"), dueNanos);
            } else {
                reject(response.status() + " " + JsonFields.abbreviate(response.body()));
            }
        } catch (IOException e) {
            reject(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.release();
        }
    }

    private void reject(String what) {
        ledger.rejected(System.nanoTime());
        firstRejection.compareAndSet(null, what);
    }
}
