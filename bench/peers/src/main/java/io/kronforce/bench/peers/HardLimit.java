package io.kronforce.bench.peers;

import java.time.Duration;

/**
 * Ends this JVM after a fixed time whatever it is doing. A peer that stalls (a lock it never gets,
 * a poll that never comes) must not hold the run: the runner's {@code timeout} is the second line
 * of defence, this is the first, and both show up as a failed row rather than a missing one.
 */
final class HardLimit {

    /** The exit status of a run cut short by its own limit; peers.sh reports it as FAILED. */
    static final int EXIT_STATUS = 3;

    private HardLimit() {}

    static void arm(Duration limit) {
        Thread watchdog = new Thread(() -> waitThenHalt(limit), "hard-limit");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void waitThenHalt(Duration limit) {
        try {
            Thread.sleep(limit);
        } catch (InterruptedException e) {
            return;
        }
        System.err.println("# hard limit of " + limit.toSeconds() + " s reached; halting");
        // halt, not exit: a peer's shutdown hook may itself be what hangs.
        Runtime.getRuntime().halt(EXIT_STATUS);
    }
}
