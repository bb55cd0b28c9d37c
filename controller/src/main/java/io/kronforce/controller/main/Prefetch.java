package io.kronforce.controller.main;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * One piece of start-up work that needs neither the database nor the other pieces, begun on its own
 * virtual thread so it overlaps the database's open and migrations instead of following them (most
 * of it is class loading; bench B1 in bench/RESULTS.md has the breakdown). {@link #get()} hands the
 * result over (the join orders its writes before the caller's reads) and fails the start the way
 * the work would have failed inline.
 */
final class Prefetch<T> {
    private final FutureTask<T> task;

    private Prefetch(FutureTask<T> task) {
        this.task = task;
    }

    /** Starts {@code work} now on a virtual thread named {@code name}. */
    static <T> Prefetch<T> begin(String name, Supplier<T> work) {
        FutureTask<T> task = new FutureTask<>(work::get);
        Thread.ofVirtual().name(name).start(task);
        return new Prefetch<>(task);
    }

    /**
     * Starts {@code work}, whose only result is what it loads, now on a virtual thread. It prints
     * nothing whatever happens: a warm-up is only a head start (the real use does the work again and
     * reports its failure), and a start refused for a bad setting exits while it may still run — a
     * stack trace from it would bury the one line that says what to fix.
     */
    static void warm(String name, Runnable work) {
        Thread.ofVirtual().name(name).start(() -> {
            try {
                work.run();
            } catch (Throwable quiet) {
                // see above: the real use reports
            }
        });
    }

    /**
     * Waits for the result.
     *
     * @throws RuntimeException or {@link Error} as the work threw it
     */
    T get() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw switch (e.getCause()) {
                case RuntimeException r -> r;
                case Error err -> throw err;
                default -> new IllegalStateException(e.getCause());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }
}
