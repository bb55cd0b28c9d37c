package io.kronforce.agent;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;

/**
 * The one line an agent or a worker prints when it cannot reach the controller: where, why (the
 * JDK's client often throws a {@code ConnectException} without a message) and what to check next.
 */
final class Unreachable {
    private Unreachable() {}

    static String line(String who, URI controller, Throwable e) {
        return "kronforce " + who + ": cannot reach the controller at " + controller + " (" + reason(e)
                + "); check KRONFORCE_CONTROLLER_URL and that the controller is running there (./kronforce)";
    }

    /** The first words in the cause chain that say why, e.g. "connection refused". */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return t.getMessage() == null || t.getMessage().isBlank() ? "connection refused" : t.getMessage();
            }
            if (t instanceof HttpTimeoutException) {
                return "no answer in time";
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }
}
