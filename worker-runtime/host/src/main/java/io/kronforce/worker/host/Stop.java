package io.kronforce.worker.host;

/**
 * Why and whether one run was asked to stop, and the thread to interrupt. The first reason wins
 * (a cancel after the deadline still reports a timeout). A stop before {@link #attach} only
 * records (the run then never starts its handler); once detached, late stops only record.
 */
final class Stop {
    private Thread thread;
    private volatile StopReason why;

    synchronized void fire(StopReason reason) {
        if (why == null) {
            why = reason;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** From now on a stop interrupts {@code t}; false, and nothing attached, when a stop came first. */
    synchronized boolean attach(Thread t) {
        if (why != null) {
            return false;
        }
        thread = t;
        return true;
    }

    synchronized void detach() {
        thread = null;
    }

    StopReason why() {
        return why;
    }
}
