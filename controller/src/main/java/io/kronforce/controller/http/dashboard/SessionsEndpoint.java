package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.PUBLIC;
import static io.kronforce.controller.domain.Access.READ;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.web.Authenticator;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * The dashboard's sign-in: {@code POST /api/auth/session} trades an API key for the
 * {@code kf_session} cookie, {@code POST /api/auth/logout} ends it (upstream's route), and
 * {@code GET /api/auth/me} says who the caller is, by key or by cookie.
 */
final class SessionsEndpoint {
    private final Sessions sessions;
    private final ApiKeys keys;

    SessionsEndpoint(Sessions sessions, ApiKeys keys) {
        this.sessions = sessions;
        this.keys = keys;
    }

    void register(Routes routes) {
        routes.post("/api/auth/session", PUBLIC, (req, res, who) -> {
                    refuseForeignOrigin(req);
                    String key = BodyFields.text(JsonIo.object(req), "api_key", true);
                    Sessions.Opened opened = sessions.open(key, Authenticator.clientAddress(req));
                    res.header(HeaderNames.SET_COOKIE, cookie(req, opened.token(), opened.maxAgeSecs()));
                    res.header(HeaderNames.CACHE_CONTROL, "no-store");
                    JsonIo.ok(res, sessionView(opened.session()));
                })
                .post("/api/auth/logout", PUBLIC, (req, res, who) -> {
                    refuseForeignOrigin(req);
                    Authenticator.sessionCookie(req).ifPresent(sessions::close);
                    res.header(HeaderNames.SET_COOKIE, cookie(req, "", 0));
                    JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("status", "logged out"));
                })
                .get(
                        "/api/auth/me",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                Authenticator.session(req)
                                        .map(this::sessionView)
                                        .orElseGet(() -> keyView(who))));
    }

    /** Sign-in and sign-out from another site's page are refused; clients without Origin (curl) pass. */
    private static void refuseForeignOrigin(ServerRequest req) {
        if (req.headers().contains(HeaderNames.ORIGIN) && !Authenticator.sameOrigin(req)) {
            throw new KronforceException.Forbidden("Origin is not this controller");
        }
    }

    private static String cookie(ServerRequest req, String value, long maxAgeSecs) {
        return cookie(req, value, maxAgeSecs, false);
    }

    /** The session cookie, whoever opened it; {@code Secure} over TLS, or when the browser is known to use https. */
    static String cookie(ServerRequest req, String value, long maxAgeSecs, boolean https) {
        return Sessions.COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + maxAgeSecs
                + (req.isSecure() || https ? "; Secure" : "");
    }

    private ObjectNode sessionView(Sessions.Resolved s) {
        Principal p = s.principal();
        if (s.sso().isPresent()) {
            // Upstream's shape for a signed-in person, plus the e-mail address and the session's ends.
            return JsonIo.MAPPER
                    .createObjectNode()
                    .put("authenticated", true)
                    .put("auth_type", "oidc")
                    .put("name", s.sso().get().name())
                    .put("email", s.sso().get().email())
                    .put("role", p.role().wire())
                    .put("expires_at", Times.format(s.expiresAtMs()))
                    .put("idle_timeout_secs", sessions.settings().idle().toSeconds());
        }
        return scoped(p)
                .put("authenticated", true)
                .put("auth_type", "session")
                .put("key_id", p.keyId())
                .put("key_prefix", s.keyPrefix())
                .put("name", Sessions.plainName(p))
                .put("role", p.role().wire())
                .put("expires_at", Times.format(s.expiresAtMs()))
                .put("idle_timeout_secs", sessions.settings().idle().toSeconds());
    }

    private ObjectNode keyView(Principal who) {
        String prefix = keys.list().stream()
                .filter(k -> k.id().equals(who.keyId()))
                .map(k -> k.prefix())
                .findFirst()
                .orElse(null);
        return scoped(who)
                .put("authenticated", true)
                .put("auth_type", who == Principal.DEMO ? "demo" : "api_key")
                .put("key_id", who.keyId())
                .put("key_prefix", prefix)
                .put("name", who.keyName())
                .put("role", who.role().wire());
    }

    /** The start of the answer: the key's {@code allowed_groups} when it is scoped, so a page can say so. */
    private static ObjectNode scoped(Principal who) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode();
        if (!who.scope().unrestricted()) {
            new java.util.TreeSet<>(who.scope().groups()).forEach(out.putArray("allowed_groups")::add);
        }
        return out;
    }
}
