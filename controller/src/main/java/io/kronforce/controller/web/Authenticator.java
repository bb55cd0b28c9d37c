package io.kronforce.controller.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.StreamTickets;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Who is calling, and may they: Bearer API key (or, on the stream route only, a one-shot ticket).
 * Unlike upstream there is no "no keys means open" mode: keys are bootstrapped at first start,
 * and {@code --reset-admin-key} recovers a lost one.
 */
public final class Authenticator {
    private final ApiKeys keys;
    private final StreamTickets tickets;

    public Authenticator(ApiKeys keys, StreamTickets tickets) {
        this.keys = keys;
        this.tickets = tickets;
    }

    Principal authorize(ServerRequest req, Access access) {
        if (access == Access.PUBLIC) {
            return new Principal(null, null, Role.VIEWER, List.of());
        }
        Principal caller = authenticate(req);
        if (!access.allows(caller.role())) {
            throw new KronforceException.Forbidden(caller.role() == Role.AGENT
                    ? "agent keys may only call agent routes"
                    : access == Access.AGENT ? "this API key does not have agent access"
                    : "this action requires the " + (access == Access.ADMIN ? "admin" : "operator or admin") + " role");
        }
        return caller;
    }

    private Principal authenticate(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return keys.authenticate(header.substring(7).trim(), clientAddress(req));
        }
        var ticket = req.query().first("ticket");
        if (ticket.isPresent() && req.path().path().endsWith("/stream")) {
            String executionId = req.path().pathParameters().get("id");
            return tickets.redeem(ticket.get(), executionId).orElseThrow(() ->
                    new KronforceException.Unauthenticated("invalid, expired or used stream ticket"));
        }
        throw new KronforceException.Unauthenticated("missing or invalid Authorization header");
    }

    /** The peer address. Forwarded headers are not trusted: anyone can send them. */
    public static InetAddress clientAddress(ServerRequest req) {
        if (req.remotePeer().address() instanceof InetSocketAddress socket) {
            return socket.getAddress();
        }
        return InetAddress.getLoopbackAddress();
    }
}
