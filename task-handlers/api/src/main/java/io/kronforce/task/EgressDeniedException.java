package io.kronforce.task;

import java.io.IOException;

/** An outbound call was refused by the {@link EgressPolicy}; the message says which address and why. */
public final class EgressDeniedException extends IOException {
    private static final long serialVersionUID = 1L;

    public EgressDeniedException(String message) {
        super(message);
    }
}
