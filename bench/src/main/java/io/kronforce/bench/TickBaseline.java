package io.kronforce.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * B5's baseline: a plain {@link ScheduledExecutorService#scheduleAtFixedRate} ticking on every
 * whole second in the driver JVM, beside the controller under test. Its lateness against the
 * wall-clock second is what the JDK's own timer achieves on these shared cores in the same
 * window, so the controller's lateness beyond it is ours.
 */
final class TickBaseline implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final LongSamples latenessMicros = new LongSamples(); // written by the timer thread only
    private final long firstSlotMicros;
    private int ticks;

    /** Starts ticking at the next whole second. */
    TickBaseline() {
        Instant now = Instant.now();
        Instant first = now.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        firstSlotMicros = ChronoUnit.MICROS.between(Instant.EPOCH, first);
        long delayMicros = ChronoUnit.MICROS.between(now, first);
        timer.scheduleAtFixedRate(this::tick, delayMicros, 1_000_000, TimeUnit.MICROSECONDS);
    }

    private void tick() {
        long nowMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
        latenessMicros.add(nowMicros - (firstSlotMicros + ticks * 1_000_000L));
        ticks++;
    }

    /** Stops the timer and returns every tick's lateness in µs, ascending. */
    long[] stopAndLatenessMicros() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS); // after this the samples are safely published
        return LongSamples.sortedUnion(List.of(latenessMicros));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
