package io.kronforce.controller.listener;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.OptionalLong;

/**
 * How many connections the listener may hold open. Helidon's accept loop treats a failed accept as
 * the end of the listener: when the process runs out of file descriptors ({@code EMFILE}) it logs
 * "server socket is terminating" and never listens again. Keeping the connection cap below the
 * descriptors the process may still open means accept never meets that limit: a flood waits in the
 * kernel's backlog (no descriptor of ours) until a connection closes.
 *
 * <p>The reserve is what the rest of the controller needs beside the listener: SQLite's files,
 * outbound HTTP to agents and webhooks, the pipes of local processes.
 */
public final class ConnectionBudget {
    /** Descriptors left for everything but the listener: a quarter of the limit, at least this many. */
    static final long MIN_RESERVE = 256;

    /** Never fewer than this many connections, however low the limit (a start still serves). */
    static final int FLOOR = 16;

    private ConnectionBudget() {}

    /** The cap for a configured maximum, given the process's descriptor limit and use now (if known). */
    public static int cap(int configured, OptionalLong fdLimit, OptionalLong fdOpen) {
        if (fdLimit.isEmpty() || fdOpen.isEmpty()) {
            return configured;
        }
        long reserve = Math.max(MIN_RESERVE, fdLimit.getAsLong() / 4);
        long room = fdLimit.getAsLong() - fdOpen.getAsLong() - reserve;
        return (int) Math.max(FLOOR, Math.min(configured, room));
    }

    /** As above, with this process's limit and use read from the operating system. */
    public static int cap(int configured) {
        return cap(configured, fdLimit(), fdOpen());
    }

    /** The process's descriptor limit ({@code ulimit -n}); empty where the JVM cannot tell (Windows). */
    public static OptionalLong fdLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount())
                : OptionalLong.empty();
    }

    /** Descriptors this process holds open now; empty where the JVM cannot tell. */
    public static OptionalLong fdOpen() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getOpenFileDescriptorCount())
                : OptionalLong.empty();
    }
}
