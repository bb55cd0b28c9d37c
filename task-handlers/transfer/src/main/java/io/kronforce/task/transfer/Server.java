package io.kronforce.task.transfer;

import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.net.InetAddress;

/**
 * The server a transfer talks to, vetted by the egress policy. The connection goes to the address
 * the policy approved, never to a fresh lookup of the name, so a DNS answer that changes between
 * check and connect cannot steer it elsewhere.
 *
 * @param name the host as the task names it (for TLS names, known_hosts and messages)
 * @param address the approved address to connect to
 * @param port the port
 */
record Server(String name, InetAddress address, int port) {

    /**
     * Resolves and vets {@code host}.
     *
     * @throws EgressDeniedException when the policy refuses every address or the name does not resolve
     */
    static Server vetted(EgressPolicy egress, String host, int port) throws EgressDeniedException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return new Server(name, egress.checkHost(name).get(0), port);
    }

    /** {@code host:port}, bracketing IPv6 literals, for messages and URLs. */
    String authority() {
        return (name.contains(":") ? "[" + name + "]" : name) + ":" + port;
    }
}
