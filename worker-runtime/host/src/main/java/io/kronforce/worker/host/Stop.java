package io.kronforce.worker.host;

/**
 * Why and whether one run was asked to stop, and the thread to interrupt. The first reason wins
 * (a cancel after the deadline still reports a timeout). Once detached, late stops only record.
 */
final class Stop {
    enum Why { TIMEOUT, CANCEL }

    private Thread thread;
    private volatile Why why;

    Stop(Thread thread) {
        this.thread = thread;
    }

    synchronized void fire(Why reason) {
        if (why == null) {
            why = reason;
        }
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized void detach() {
        thread = null;
    }

    Why why() {
        return why;
    }
}
