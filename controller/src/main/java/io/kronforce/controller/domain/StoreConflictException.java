package io.kronforce.controller.domain;

/** A write broke a uniqueness or foreign-key rule; nothing of that write was stored. */
public final class StoreConflictException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
