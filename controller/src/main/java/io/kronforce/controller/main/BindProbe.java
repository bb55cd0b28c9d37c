package io.kronforce.controller.main;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether {@code KRONFORCE_BIND} can be listened on, asked before anything opens or starts (a
 * port in use stops the start before the database is touched), and why not, in the JDK's words:
 * Helidon logs its own bind failure but does not return it.
 */
final class BindProbe {
    private BindProbe() {}

    /** Binds and releases the address; an unusable one is an {@link ControllerSettings.InvalidSetting}. */
    static void check(String host, int port) {
        if (port == 0) {
            return; // any free port: nothing to check
        }
        String reason = reason(host, port);
        if (reason != null) {
            throw refusal(host, port, reason);
        }
    }

    /** The refusal for a listener that did not start (the probe raced with another process). */
    static ControllerSettings.InvalidSetting refusal(String host, int port) {
        String reason = reason(host, port);
        return refusal(host, port, reason == null ? "the listener did not start" : reason);
    }

    private static ControllerSettings.InvalidSetting refusal(String host, int port, String reason) {
        return new ControllerSettings.InvalidSetting("cannot listen on " + host + ":" + port + " (KRONFORCE_BIND): "
                + reason + "; stop what holds it or choose another KRONFORCE_BIND");
    }

    /** Null when the address can be bound. */
    private static String reason(String host, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return null;
        } catch (IOException | SecurityException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
