package io.kronforce.controller.duty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each step reports its thread on a queue; a step asks for an hour's wait, so a second step within
 * the test's patience can only come from what the test does (a wake, a failure, an interrupt).
 * The timeouts below bound a hang; they are never what the assertion measures.
 */
class DutyTest {
    private static final Duration HOUR = Duration.ofHours(1);
    private static final long PATIENCE_S = 10;
    private static final Duty.Plan AT_ONCE = Duty.Plan.standard().afterFailure(Duration.ZERO);

    private final BlockingQueue<Thread> steps = new LinkedBlockingQueue<>();

    private Thread nextStep() throws InterruptedException {
        Thread t = steps.poll(PATIENCE_S, TimeUnit.SECONDS);
        assertNotNull(t, "the duty ran no further step");
        return t;
    }

    @Test
    void goesOnAfterAStepThrows() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        try (Duty duty = new Duty("test-throws", AT_ONCE, () -> {
            steps.add(Thread.currentThread());
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return HOUR;
        })) {
            duty.start();
            nextStep();
            Thread second = nextStep();
            assertTrue(second.isAlive());
            assertEquals(1, duty.failures());
        }
    }

    @Test
    void goesOnAfterAStrayInterrupt() throws Exception {
        try (Duty duty = new Duty("test-interrupt", AT_ONCE, () -> {
            steps.add(Thread.currentThread());
            return HOUR;
        })) {
            duty.start();
            Thread thread = nextStep();
            thread.interrupt(); // lands in the hour's wait (or just before it): either way a stray interrupt
            assertEquals(thread, nextStep());
            assertEquals(1, duty.failures());
        }
    }

    @Test
    void wakesEarlyWhenWoken() throws Exception {
        try (Duty duty = new Duty("test-wake", Duty.Plan.standard(), () -> {
            steps.add(Thread.currentThread());
            return HOUR;
        })) {
            duty.start();
            nextStep();
            duty.wake();
            nextStep();
            assertEquals(0, duty.failures());
        }
    }

    @Test
    void aWakeDuringAStepEndsTheNextWait() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (Duty duty = new Duty("test-wake-in-step", Duty.Plan.standard(), () -> {
            steps.add(Thread.currentThread());
            if (calls.incrementAndGet() == 1) {
                inStep.countDown();
                release.await();
            }
            return HOUR;
        })) {
            duty.start();
            assertTrue(inStep.await(PATIENCE_S, TimeUnit.SECONDS));
            duty.wake();
            release.countDown();
            nextStep();
            nextStep();
        }
    }

    @Test
    void waitsBeforeTheFirstStepUntilWoken() throws Exception {
        try (Duty duty = new Duty("test-first-delay", Duty.Plan.standard().firstAfter(HOUR), () -> {
            steps.add(Thread.currentThread());
            return HOUR;
        })) {
            duty.start();
            assertNull(steps.poll(50, TimeUnit.MILLISECONDS));
            duty.wake();
            nextStep();
        }
    }

    @Test
    void closeInterruptsABlockedStepAndStopsTheThread() throws Exception {
        Duty duty = new Duty("test-close", Duty.Plan.standard(), () -> {
            steps.add(Thread.currentThread());
            new CountDownLatch(1).await(); // blocks until interrupted
            return HOUR;
        });
        duty.start();
        Thread thread = nextStep();
        duty.close();
        assertFalse(thread.isAlive());
        assertEquals(0, duty.failures(), "a stop is not a failure");
        assertNull(steps.poll(), "no step after close");
    }

    @Test
    void closeEndsTheWaitWithoutAnotherStep() throws Exception {
        Duty duty = Duty.every("test-every", HOUR, Duty.Plan.standard(), () -> steps.add(Thread.currentThread()));
        duty.start();
        Thread thread = nextStep();
        duty.close();
        assertFalse(thread.isAlive());
        assertNull(steps.poll());
        duty.start(); // a closed duty stays closed
        assertNull(steps.poll(50, TimeUnit.MILLISECONDS));
    }

    @Test
    void aDutyThatFinishesItsStepIsNotInterruptedByClose() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger interrupted = new AtomicInteger(-1);
        Duty duty = new Duty("test-finish", Duty.Plan.standard().finishStepOnClose(), () -> {
            inStep.countDown();
            release.await();
            interrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0);
            return HOUR;
        });
        duty.start();
        assertTrue(inStep.await(PATIENCE_S, TimeUnit.SECONDS));
        Thread closer = Thread.ofPlatform().start(duty::close);
        while (closer.getState() != Thread.State.TIMED_WAITING) { // close() is joining the duty's thread
            Thread.onSpinWait();
        }
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(PATIENCE_S));
        assertFalse(closer.isAlive());
        assertEquals(0, interrupted.get());
    }
}
