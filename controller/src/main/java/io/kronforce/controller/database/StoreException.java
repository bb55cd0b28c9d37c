package io.kronforce.controller.database;

/** An unexpected database failure; rendered as a bare 500 without SQL text. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
