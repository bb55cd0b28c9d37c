package io.kronforce.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Closed-loop load: {@code clients} virtual threads each repeat one call for a warm-up and then a
 * measured window, and stop by themselves at the end of it (and after {@link #MAX_CALLS_PER_CLIENT}).
 * Only calls that start inside the window count.
 */
public final class LoadRunner {

    /** Outcome of the measured window. */
    public record Result(long ok, long errors, double seconds, double p50Ms, double p99Ms) {

        /** Successful calls per second over the window. */
        public double perSecond() {
            return ok / seconds;
        }
    }

    /** One request; returns whether it succeeded (e.g. the expected status). */
    @FunctionalInterface
    public interface Call {
        boolean run() throws IOException, InterruptedException;
    }

    /** Upper bound per client, so a loop ends even if the clock misbehaves. */
    static final long MAX_CALLS_PER_CLIENT = 50_000_000L;

    private LoadRunner() {}

    /** Runs the load and returns the measured window's throughput and latency percentiles. */
    public static Result run(int clients, Duration warmup, Duration window, Call call) throws InterruptedException {
        return pooled(List.of(window(clients, warmup, window, call)));
    }

    /** The raw outcome of one measured window: latencies in ns, ascending; failed calls; its length. */
    public record Window(long[] sortedNanos, long errors, double seconds) {}

    /**
     * Runs the load like {@link #run} but keeps the samples, so windows taken in turns with another
     * load (B3 alternates with its baseline) can be pooled into one {@link Result}.
     */
    public static Window window(int clients, Duration warmup, Duration window, Call call) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long end = measureFrom + window.toNanos();
        List<LongSamples> latencies = new ArrayList<>();
        LongAdder errors = new LongAdder();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                LongSamples mine = new LongSamples();
                latencies.add(mine);
                pool.submit(() -> client(call, measureFrom, end, mine, errors));
            }
            pool.shutdown();
            // A call is bounded by its own timeout; this only guards against a hung one.
            if (!pool.awaitTermination(window.plus(warmup).toSeconds() + 60, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
        return new Window(LongSamples.sortedUnion(latencies), errors.sum(), window.toNanos() / 1e9);
    }

    /** Throughput over the windows' summed length, percentiles over all their samples together. */
    public static Result pooled(List<Window> windows) {
        LongSamples all = new LongSamples();
        long errors = 0;
        double seconds = 0;
        for (Window w : windows) {
            for (long v : w.sortedNanos()) {
                all.add(v);
            }
            errors += w.errors();
            seconds += w.seconds();
        }
        long[] sorted = LongSamples.sortedUnion(List.of(all));
        if (sorted.length == 0) {
            throw new IllegalStateException("no successful call in the window (" + errors + " errors)");
        }
        return new Result(
                sorted.length, errors, seconds, Stats.percentile(sorted, 50) / 1e6, Stats.percentile(sorted, 99) / 1e6);
    }

    private static Void client(Call call, long measureFrom, long end, LongSamples latencies, LongAdder errors) {
        for (long n = 0; n < MAX_CALLS_PER_CLIENT; n++) {
            long start = System.nanoTime();
            if (start >= end || Thread.currentThread().isInterrupted()) {
                break;
            }
            boolean ok = attempt(call);
            if (start >= measureFrom) {
                if (ok) {
                    latencies.add(System.nanoTime() - start);
                } else {
                    errors.increment();
                }
            }
        }
        return null;
    }

    private static boolean attempt(Call call) {
        try {
            return call.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (IOException | RuntimeException e) {
            pause(); // a refused connection fails in microseconds: do not spin a core on it
            return false;
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
