package io.kronforce.controller.domain;

/**
 * A write the storage refused: the disk (or the database's page limit) is full, or the disk failed
 * the write. Answered 507; health reports it until a write commits again.
 */
public final class StoreFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
