package io.kronforce.worker.tls;

/**
 * A certificate, key or CA file that cannot be used. The message names the file and what is wrong
 * with it, never its content; callers prefix the setting's name.
 */
public final class TlsSetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TlsSetupException(String message) {
        super(message, null, false, false);
    }

    TlsSetupException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
