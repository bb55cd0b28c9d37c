package io.kronforce.controller.agents;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakeable waits for long-polling pull agents, one signal per agent. A poller notes the agent's
 * generation, tries to claim, and if nothing was there waits until the generation moves (new work)
 * or its time is up — so work enqueued between the claim and the wait is never missed, and an
 * idle poller costs one parked virtual thread, not a polling loop. ReentrantLock, not
 * synchronized, so waiting virtual threads never pin their carrier. Thread-safe.
 */
final class Wakeups {
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private static final class Signal {
        final ReentrantLock lock = new ReentrantLock();
        final Condition moved = lock.newCondition();
        long generation; // guarded by lock
    }

    long generation(String agentId) {
        Signal s = signal(agentId);
        s.lock.lock();
        try {
            return s.generation;
        } finally {
            s.lock.unlock();
        }
    }

    /** New work for the agent: every poller of it wakes and tries to claim. */
    void wake(String agentId) {
        Signal s = signal(agentId);
        s.lock.lock();
        try {
            s.generation++;
            s.moved.signalAll();
        } finally {
            s.lock.unlock();
        }
    }

    /**
     * Waits until the agent's generation differs from {@code seen} or {@code deadlineNanos}
     * ({@link System#nanoTime()} based) passes. Returns false when the wait ended without news.
     */
    boolean await(String agentId, long seen, long deadlineNanos) throws InterruptedException {
        Signal s = signal(agentId);
        s.lock.lock();
        try {
            while (s.generation == seen && !closed) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                s.moved.awaitNanos(Math.min(left, TimeUnit.SECONDS.toNanos(1)));
            }
            return !closed;
        } finally {
            s.lock.unlock();
        }
    }

    /** Ends every wait (shutdown), so no request holds the server open. */
    void close() {
        closed = true;
        signals.keySet().forEach(this::wake);
    }

    private Signal signal(String agentId) {
        return signals.computeIfAbsent(agentId, id -> new Signal());
    }
}
