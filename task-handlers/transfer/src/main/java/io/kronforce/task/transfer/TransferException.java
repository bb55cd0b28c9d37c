package io.kronforce.task.transfer;

import java.io.IOException;

/**
 * A transfer failure with a message fit for the task's stderr (no secrets) and a verdict on
 * whether running the task again may help: a refused login or an unknown host key will not fix
 * itself; a dropped connection may.
 */
final class TransferException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    private TransferException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    static TransferException permanent(String message) {
        return new TransferException(message, false);
    }

    static TransferException transientFailure(String message) {
        return new TransferException(message, true);
    }

    boolean retryable() {
        return retryable;
    }
}
