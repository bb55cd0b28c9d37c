package io.kronforce.controller.duty;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A background duty: one named daemon thread that runs a {@link Step} over and over, waiting
 * between steps as long as the step asks. The one shape of every periodic loop in the controller.
 *
 * <ul>
 *   <li>Wakeable: {@link #wake()} ends the current wait at once; a wake that arrives while a step
 *       runs ends the next wait, so none is lost.
 *   <li>Never dies: an exception thrown by a step, or an interrupt that is not a stop, is counted
 *       ({@link #failures()}), logged, and followed by the next step after {@code afterFailure}.
 *   <li>Stops promptly: {@link #close()} ends the wait, interrupts a step in flight (unless the duty
 *       lets its step finish, as the scheduler does), and joins the thread.
 * </ul>
 *
 * <p>The duty reads no clock: waits are relative and measured by the JDK's monotonic timer; a step
 * that plans by the controller's clock computes its own wait. Thread-safe.
 */
public final class Duty implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Duty.class.getName());
    private static final long JOIN_MS = 10_000;

    /** One step of the duty; returns how long to wait before the next one (zero or less: at once). */
    @FunctionalInterface
    public interface Step {
        Duration run() throws Exception;
    }

    /** One step of a duty that runs at a fixed delay. */
    @FunctionalInterface
    public interface Chore {
        void run() throws Exception;
    }

    /**
     * How a duty runs.
     *
     * @param firstDelay wait before the first step
     * @param afterFailure wait after a failed step
     * @param interruptStep whether {@link #close()} interrupts a step in flight (false: let it finish)
     */
    public record Plan(Duration firstDelay, Duration afterFailure, boolean interruptStep) {
        /** Starts at once, retries a second after a failure, interrupts a step in flight on close. */
        public static Plan standard() {
            return new Plan(Duration.ZERO, Duration.ofSeconds(1), true);
        }

        public Plan firstAfter(Duration delay) {
            return new Plan(delay, afterFailure, interruptStep);
        }

        public Plan afterFailure(Duration delay) {
            return new Plan(firstDelay, delay, interruptStep);
        }

        /** Lets a step in flight finish on close instead of interrupting it. */
        public Plan finishStepOnClose() {
            return new Plan(firstDelay, afterFailure, false);
        }
    }

    private final String name;
    private final Step step;
    private final Plan plan;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private final AtomicLong failures = new AtomicLong();
    private boolean woken; // guarded by lock
    private volatile boolean stopped;
    private Thread thread; // guarded by lock

    public Duty(String name, Plan plan, Step step) {
        this.name = name;
        this.plan = plan;
        this.step = step;
    }

    /** A duty that runs {@code chore} every {@code period} (measured from the end of one run to the next). */
    public static Duty every(String name, Duration period, Plan plan, Chore chore) {
        return new Duty(name, plan, () -> {
            chore.run();
            return period;
        });
    }

    /** Starts the thread; a second call does nothing, nor does a call after {@link #close()}. */
    public void start() {
        lock.lock();
        try {
            if (thread == null && !stopped) {
                thread = Thread.ofPlatform().name(name).daemon(true).start(this::loop);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the current wait now (or the next one, when a step is running). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Steps that failed (threw, or were interrupted while not stopping) since the start. */
    public long failures() {
        return failures.get();
    }

    public String name() {
        return name;
    }

    private void loop() {
        Duration wait = plan.firstDelay();
        while (!stopped) {
            try {
                await(wait);
                if (stopped) {
                    return;
                }
                wait = step.run();
            } catch (Throwable t) { // the duty outlives any one step's trouble, a fatal error too (see Fatal)
                if (stopped) {
                    return;
                }
                if (t instanceof InterruptedException) {
                    Thread.interrupted(); // a stray interrupt: this one is handled, clear any repeat
                }
                failures.incrementAndGet();
                LOG.log(
                        Level.WARNING,
                        name + ": step failed; next in " + plan.afterFailure().toMillis() + " ms",
                        t);
                wait = plan.afterFailure();
            }
        }
    }

    /** Waits up to {@code wait}, less when woken or stopped; consumes the wake. */
    private void await(Duration wait) throws InterruptedException {
        long nanos = wait == null ? 0 : wait.toNanos();
        lock.lock();
        try {
            while (!woken && !stopped && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops the duty: ends the wait, interrupts or lets finish the step in flight, joins. Idempotent. */
    @Override
    public void close() {
        Thread t;
        lock.lock();
        try {
            stopped = true;
            signal.signalAll();
            t = thread;
        } finally {
            lock.unlock();
        }
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        if (plan.interruptStep()) {
            t.interrupt();
        }
        try {
            t.join(JOIN_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warning(name + ": still running " + JOIN_MS + " ms after close; left to end on its own");
        }
    }
}
