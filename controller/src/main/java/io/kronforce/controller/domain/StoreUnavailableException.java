package io.kronforce.controller.domain;

/** The database could not serve the request in time (busy past its timeout, or shutting down). */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
