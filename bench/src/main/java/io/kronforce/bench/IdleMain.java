package io.kronforce.bench;

import java.io.IOException;

/**
 * The B2 baseline, run as a child JVM: does nothing. Prints {@code READY} and waits, so its RSS is
 * what any JVM with the same flags costs before it loads an application.
 */
public final class IdleMain {

    private IdleMain() {}

    /** Entry point; takes no arguments. */
    public static void main(String[] args) throws IOException {
        System.out.println("READY");
        System.out.flush();
        awaitParentExit();
    }

    /**
     * Blocks until stdin reaches end of file. The driver holds the other end of that pipe, so a
     * child started by it ends by itself when the driver ends, even on {@code kill -9}.
     */
    static void awaitParentExit() throws IOException {
        while (System.in.read() >= 0) {
            // discard: nothing is ever written; only end of file matters
        }
    }
}
