package io.kronforce.controller.web;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.access.limits.RateLimitSettings;
import io.kronforce.controller.access.limits.RateLimiter;
import io.kronforce.controller.access.limits.Tier;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The rate limits as the route table applies them (docs/SECURITY.md#rate-limits): before
 * authentication, a client address that failed to authenticate too often is refused, and a public
 * route spends the address's budget; after it, a user route spends its key's (or dashboard
 * session's) budget and an agent route its agent key's. Every answer that spent from a budget says
 * what is left of it.
 */
public final class RequestLimits {
    static final String LIMIT_HEADER = "X-RateLimit-Limit";
    static final String REMAINING_HEADER = "X-RateLimit-Remaining";
    private static final String HEALTH = "/api/health";

    /** The client address, resolved once per request. */
    private record Client(InetAddress address) {}

    private final RateLimiter limiter;
    private final ClientAddress clients;

    public RequestLimits(RateLimitSettings settings, InstantSource clock) {
        this.limiter = new RateLimiter(settings, clock);
        this.clients = new ClientAddress(settings.trustedProxies());
    }

    /** The client address {@link #before} resolved for this request, if it ran. */
    static Optional<InetAddress> resolved(ServerRequest req) {
        return req.context().get(Client.class).map(Client::address);
    }

    private InetAddress client(ServerRequest req) {
        return resolved(req).orElseGet(() -> clients.of(req));
    }

    /**
     * Before authentication: the failed-authentication throttle, and a public route's budget. Health
     * is exempt from both (upstream limits it): probes share an address with other traffic behind
     * NAT, and a refused liveness probe restarts a healthy controller.
     */
    void before(ServerRequest req, ServerResponse res, Access access) {
        InetAddress address = clients.of(req);
        req.context().register(new Client(address));
        if (access == Access.PUBLIC && req.path().path().equals(HEALTH)) {
            return;
        }
        String caller = bucketOf(address);
        limiter.failing(caller).ifPresent(RequestLimits::tooManyFailures);
        if (access == Access.PUBLIC) {
            admit(res, limiter.take(Tier.PUBLIC, caller));
        }
    }

    /** After authentication: the caller's budget on a user or agent route. */
    void after(ServerRequest req, ServerResponse res, Access access, Principal caller) {
        if (access == Access.PUBLIC) {
            return;
        }
        Tier tier = access == Access.AGENT ? Tier.AGENT : Tier.AUTHENTICATED;
        Optional<Sessions.Resolved> session = Authenticator.session(req);
        String bucket = session.isPresent()
                ? "session:" + session.get().id()
                : caller.keyId() != null ? "key:" + caller.keyId() : "address:" + bucketOf(client(req));
        admit(res, limiter.take(tier, bucket));
    }

    /**
     * Counts a failed authentication from the request's client address; when it was one too many,
     * throws the refusal the caller answers instead of its own error.
     */
    void failed(ServerRequest req) {
        limiter.failed(bucketOf(client(req))).ifPresent(RequestLimits::tooManyFailures);
    }

    /**
     * The bucket of a client address: the address itself for IPv4, its /64 for IPv6 — one host
     * commonly holds a whole /64, and would otherwise have 2^64 fresh buckets.
     */
    static String bucketOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            return HexFormat.of().formatHex(b, 0, 8) + "::/64";
        }
        return address.getHostAddress();
    }

    private static void tooManyFailures(RateLimiter.Verdict v) {
        throw new KronforceException.TooManyRequests(
                "too many failed authentications, retry after " + v.retryAfterSeconds() + " seconds",
                v.limit(),
                v.retryAfterSeconds());
    }

    /** Whether an error a route answered is a credential that did not authenticate (a webhook token included). */
    static boolean isFailedAuthentication(KronforceException e) {
        return e.type() == ProblemType.UNAUTHENTICATED || e.type() == ProblemType.WEBHOOK_NOT_FOUND;
    }

    private static void admit(ServerResponse res, Optional<RateLimiter.Verdict> verdict) {
        if (verdict.isEmpty()) {
            return;
        }
        RateLimiter.Verdict v = verdict.get();
        if (!v.allowed()) {
            throw new KronforceException.TooManyRequests(
                    "rate limit exceeded, retry after " + v.retryAfterSeconds() + " seconds",
                    v.limit(),
                    v.retryAfterSeconds());
        }
        res.header(LIMIT_HEADER, String.valueOf(v.limit()));
        res.header(REMAINING_HEADER, String.valueOf(v.remaining()));
    }
}
