package io.kronforce.task;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Helpers for handlers that talk to servers: telling a stop (cancel or deadline) from a failure,
 * and describing client exceptions whose useful words sit in a cause.
 */
public final class Stops {

    private Stops() {}

    /**
     * Call after a client call failed: when the thread was interrupted (on a virtual thread an
     * interrupt closes the socket, which surfaces as an I/O error) or the deadline has passed
     * (timeouts sized to it fire there), the failure is really a stop, and is rethrown as one.
     */
    public static void throwIfStopped(TaskContext ctx) throws InterruptedException {
        boolean deadlinePassed = ctx.timeLeft().map(left -> !left.isPositive()).orElse(false);
        if (Thread.interrupted() || deadlinePassed) {
            throw new InterruptedException("stopped by cancel or deadline");
        }
    }

    /**
     * How long a handler's next network wait may last: the time left before the deadline, or
     * {@code fallback} when the job has none.
     *
     * @throws InterruptedException when the deadline has passed already: then nothing is started
     */
    public static Duration budget(TaskContext ctx, Duration fallback) throws InterruptedException {
        Optional<Duration> left = ctx.timeLeft();
        if (left.isPresent() && !left.get().isPositive()) {
            throw new InterruptedException("deadline passed before the task could start");
        }
        return left.orElse(fallback);
    }

    /**
     * The messages of an exception and its first causes, joined with {@code ": "} and without
     * repeats; the class name when none has a message. Callers still mask secrets in the result.
     */
    public static String causes(Throwable e) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                parts.add(t.getMessage());
            }
        }
        return parts.isEmpty() ? e.getClass().getSimpleName() : String.join(": ", parts);
    }
}
