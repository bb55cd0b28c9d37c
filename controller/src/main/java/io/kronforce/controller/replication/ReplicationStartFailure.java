package io.kronforce.controller.replication;

/** Replication cannot start as configured; the message says what to fix. The controller exits 2. */
public final class ReplicationStartFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ReplicationStartFailure(String message) {
        super(message, null, false, false);
    }
}
