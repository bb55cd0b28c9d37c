package io.kronforce.controller.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.access.StreamTickets;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Who is calling, and may they: Bearer API key, else the dashboard's session cookie (writes only
 * from the controller's own origin), else on the stream route a one-shot ticket. Unlike upstream
 * there is no "no keys means open" mode: keys are bootstrapped at first start, and
 * {@code --reset-admin-key} recovers a lost one. In demo mode ({@code KRONFORCE_DEMO_MODE}) a caller
 * with none of these is the read-only viewer {@link Principal#DEMO}; a key or a session that is
 * presented is still checked, and a bad one is still refused. Every refused credential (not a
 * missing one) counts against the client address's failed-authentication budget
 * ({@link RequestLimits}).
 */
public final class Authenticator {
    private final ApiKeys keys;
    private final StreamTickets tickets;
    private final Sessions sessions;
    private final boolean demoMode;
    private final RequestLimits limits;
    private final boolean agentCertificates;

    /**
     * @param agentCertificates whether the agent routes require a client certificate
     *     ({@code KRONFORCE_TLS_CLIENT_CA}): the handshake has checked any presented one against those
     *     CAs, so here only its absence is refused
     */
    public Authenticator(
            ApiKeys keys,
            StreamTickets tickets,
            Sessions sessions,
            boolean demoMode,
            RequestLimits limits,
            boolean agentCertificates) {
        this.keys = keys;
        this.tickets = tickets;
        this.sessions = sessions;
        this.demoMode = demoMode;
        this.limits = limits;
        this.agentCertificates = agentCertificates;
    }

    RequestLimits limits() {
        return limits;
    }

    Principal authorize(ServerRequest req, Access access) {
        if (access == Access.PUBLIC) {
            return new Principal(null, null, Role.VIEWER, List.of());
        }
        if (access == Access.AGENT && agentCertificates && !presentedCertificate(req)) {
            throw new KronforceException.Forbidden("the agent routes need a client certificate signed by a CA in"
                    + " KRONFORCE_TLS_CLIENT_CA; this connection presented none");
        }
        Principal caller;
        try {
            caller = authenticate(req);
        } catch (KronforceException.Unauthenticated e) {
            limits.failed(req); // a wrong key, session cookie or stream ticket: a guess, perhaps
            throw e;
        }
        if (caller == null) {
            // No credential at all is not a guess (a signed-out dashboard asking who it is): not counted.
            throw new KronforceException.Unauthenticated("missing or invalid Authorization header");
        }
        if (caller == Principal.DEMO && !access.allows(caller.role())) {
            // Anonymous, not merely under-privileged: what is missing is a credential.
            throw new KronforceException.Unauthenticated("demo mode is read-only: this action needs an API key");
        }
        if (!access.allows(caller.role())) {
            throw new KronforceException.Forbidden(
                    caller.role() == Role.AGENT
                            ? "agent keys may only call agent routes"
                            : access == Access.AGENT
                                    ? "this API key does not have agent access"
                                    : "this action requires the "
                                            + (access == Access.ADMIN ? "admin" : "operator or admin") + " role");
        }
        return caller;
    }

    /** The caller a presented credential names; null when none is presented (and not in demo mode). */
    private Principal authenticate(ServerRequest req) {
        String header = req.headers().first(HeaderNames.AUTHORIZATION).orElse("");
        if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return keys.authenticate(header.substring(7).trim(), clientAddress(req));
        }
        var cookie = sessionCookie(req);
        if (cookie.isPresent()) {
            Sessions.Resolved session = sessions.resolve(cookie.get(), clientAddress(req));
            if (!SAFE_METHODS.contains(req.prologue().method()) && !sameOrigin(req)) {
                // The cookie rides along on any request the browser makes; only our own pages may write with it.
                throw new KronforceException.Forbidden(
                        "a write with a session cookie needs the controller's own Origin");
            }
            req.context().register(session);
            return session.principal();
        }
        var ticket = req.query().first("ticket");
        if (ticket.isPresent() && req.path().path().endsWith("/stream")) {
            String executionId = req.path().pathParameters().get("id");
            return tickets.redeem(ticket.get(), executionId)
                    .orElseThrow(
                            () -> new KronforceException.Unauthenticated("invalid, expired or used stream ticket"));
        }
        return demoMode ? Principal.DEMO : null;
    }

    /** Whether the TLS handshake carried a client certificate (verified by then against the client CAs). */
    private static boolean presentedCertificate(ServerRequest req) {
        return req.isSecure()
                && req.remotePeer().tlsCertificates().filter(c -> c.length > 0).isPresent();
    }

    private static final Set<Method> SAFE_METHODS = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);

    public static Optional<String> sessionCookie(ServerRequest req) {
        return req.headers().cookies().first(Sessions.COOKIE).asOptional().filter(v -> !v.isBlank());
    }

    /** The session that authenticated this request, if a cookie did. */
    public static Optional<Sessions.Resolved> session(ServerRequest req) {
        return req.context().get(Sessions.Resolved.class);
    }

    /**
     * Whether the request's {@code Origin} is this controller as the browser addressed it (scheme
     * and {@code Host}). A missing Origin is not same-origin: every browser sends it on writes.
     */
    public static boolean sameOrigin(ServerRequest req) {
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        String host = req.headers().first(HeaderNames.HOST).orElse(null);
        if (origin == null || host == null) {
            return false;
        }
        String scheme = req.isSecure() ? "https" : "http";
        return origin.equalsIgnoreCase(scheme + "://" + host);
    }

    /**
     * The client address: the peer, or the address a trusted proxy forwarded for
     * ({@code KRONFORCE_TRUSTED_PROXIES}, see {@link ClientAddress}); forwarded headers from anyone
     * else are ignored.
     */
    public static InetAddress clientAddress(ServerRequest req) {
        return RequestLimits.resolved(req).orElseGet(() -> {
            if (req.remotePeer().address() instanceof InetSocketAddress socket) {
                return socket.getAddress();
            }
            return InetAddress.getLoopbackAddress();
        });
    }
}
