package io.kronforce.controller.listener;

import io.helidon.webserver.WebServerConfig;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Puts {@link ConnectionLimits} on a Helidon server builder: the connection cap, within the
 * descriptor budget, and the idle timeout with a check frequent enough to honour it.
 *
 * <p>Helidon's idle check interrupts a connection only while it waits for (or reads) a request
 * line: a connection that never sends a byte, one between requests, and one that trickles its
 * request line in. A request in progress (a long poll, an event stream) is left to finish.
 */
public final class ListenerGuard {
    private static final Logger LOG = Logger.getLogger(ListenerGuard.class.getName());

    private ListenerGuard() {}

    /** Configures {@code builder} for {@code limits}; returns the connection cap in force. */
    public static int apply(WebServerConfig.Builder builder, ConnectionLimits limits) {
        int cap = ConnectionBudget.cap(limits.maxConnections());
        if (cap < limits.maxConnections()) {
            LOG.warning("serving at most " + cap + " connections, not KRONFORCE_MAX_CONNECTIONS="
                    + limits.maxConnections() + ": the file-descriptor limit (ulimit -n) of "
                    + ConnectionBudget.fdLimit().orElse(-1) + " leaves no more room");
        }
        builder.maxTcpConnections(cap)
                .idleConnectionTimeout(limits.idleTimeout())
                // Helidon checks every 2 minutes by default: a timeout is only as good as its check.
                .idleConnectionPeriod(
                        Duration.ofMillis(Math.clamp(limits.idleTimeout().toMillis() / 4, 100, 5000)));
        return cap;
    }
}
