package io.kronforce.task;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a handler's blocking client I/O so that a cancel or the deadline stops it promptly, even
 * with client libraries that ignore interrupts (a classic socket read on a platform thread does):
 * the work runs on a virtual thread of its own while the handler's thread waits for it. On an
 * interrupt, or when the deadline passes, the waiting thread closes the connection through
 * {@code abort}, interrupts the worker, waits a moment for it to unwind and throws
 * {@link InterruptedException}, which is what the host expects from a stopped run.
 *
 * <p>Stateless; each call starts one virtual thread.
 */
public final class StopGuard {

    /** How long a stopped call waits for its worker to unwind, so clean-up does not race it. */
    private static final Duration UNWIND = Duration.ofSeconds(5);

    /** Blocking work that may fail with an I/O error. */
    @FunctionalInterface
    public interface Io<T> {
        T run() throws IOException;
    }

    private StopGuard() {}

    /**
     * Runs {@code work} and returns its result or rethrows its failure.
     *
     * @param abort closes whatever {@code work} blocks on (socket, session, client); may be called
     *     concurrently with the work, and its own failures are ignored
     * @throws InterruptedException when the calling thread is interrupted or the deadline of
     *     {@code ctx} passes first; the work has been aborted by then
     */
    public static <T> T call(TaskContext ctx, Closeable abort, Io<T> work) throws IOException, InterruptedException {
        FutureTask<T> task = new FutureTask<>(work::run);
        Thread worker = Thread.ofVirtual().name("task-io-" + ctx.executionId()).start(task);
        try {
            Optional<Duration> left = ctx.timeLeft();
            return left.isPresent() ? task.get(Math.max(0, left.get().toNanos()), TimeUnit.NANOSECONDS) : task.get();
        } catch (InterruptedException | TimeoutException e) {
            stop(abort, task, worker);
            throw new InterruptedException(e instanceof TimeoutException ? "deadline passed" : "stopped");
        } catch (ExecutionException e) {
            throw rethrown(e.getCause());
        }
    }

    private static void stop(Closeable abort, FutureTask<?> task, Thread worker) {
        try {
            abort.close();
        } catch (IOException | RuntimeException ignored) {
            // The connection is being thrown away; a failure to close it politely changes nothing.
        }
        task.cancel(true);
        try {
            worker.join(UNWIND);
        } catch (InterruptedException again) {
            Thread.currentThread().interrupt();
        }
    }

    private static IOException rethrown(Throwable cause) {
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }
}
