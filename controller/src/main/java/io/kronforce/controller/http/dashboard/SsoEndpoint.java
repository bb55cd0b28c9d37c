package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.PUBLIC;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.sso.SsoLogins;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.util.List;
import java.util.Optional;

/**
 * Upstream's single sign-on routes: {@code GET /api/auth/oidc/config} says whether it is on,
 * {@code /login} sends the browser to the identity provider, {@code /callback} takes it back and
 * opens the {@code kf_session} cookie. The browser that began a sign-in holds its state in a
 * short-lived cookie of its own, so a callback URL carried to another browser signs nobody in.
 */
final class SsoEndpoint {
    /** The state of the sign-in this browser began; sent back only to the callback. */
    static final String STATE_COOKIE = "kf_sso_state";

    private static final String CALLBACK_PATH = "/api/auth/oidc/";
    private final Optional<SsoLogins> sso;

    SsoEndpoint(Optional<SsoLogins> sso) {
        this.sso = sso;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/auth/oidc/config",
                        PUBLIC,
                        (req, res, who) ->
                                JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("enabled", sso.isPresent())))
                .get("/api/auth/oidc/login", PUBLIC, (req, res, who) -> {
                    SsoLogins.Start start = logins().begin();
                    // Lax, not Strict: the provider's redirect back is a cross-site navigation.
                    res.header(
                            HeaderNames.SET_COOKIE,
                            stateCookie(req, start.state(), SsoLogins.STATE_LIFETIME.toSeconds()));
                    redirect(res, start.authorizationUrl().toString());
                })
                .get("/api/auth/oidc/callback", PUBLIC, (req, res, who) -> {
                    SsoLogins logins = logins();
                    res.header(HeaderNames.SET_COOKIE, stateCookie(req, "", 0));
                    Sessions.Opened opened = logins.finish(
                            new SsoLogins.Callback(
                                    param(req, "code"),
                                    param(req, "state"),
                                    param(req, "error"),
                                    param(req, "error_description")),
                            req.headers().cookies().first(STATE_COOKIE).asOptional());
                    res.headers()
                            .add(
                                    HeaderNames.SET_COOKIE,
                                    SessionsEndpoint.cookie(
                                            req,
                                            opened.token(),
                                            opened.maxAgeSecs(),
                                            "https"
                                                    .equals(logins.settings()
                                                            .redirectUri()
                                                            .getScheme())));
                    redirect(res, "/");
                });
    }

    private SsoLogins logins() {
        return sso.orElseThrow(() ->
                new KronforceException.InvalidInput(ProblemType.SSO_NOT_CONFIGURED, "OIDC not configured", List.of()));
    }

    private static String param(ServerRequest req, String name) {
        return req.query().first(name).asOptional().orElse(null);
    }

    private static void redirect(ServerResponse res, String location) {
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.LOCATION, location);
        res.status(Status.TEMPORARY_REDIRECT_307);
        res.send();
    }

    private String stateCookie(ServerRequest req, String value, long maxAgeSecs) {
        boolean https = req.isSecure()
                || sso.map(s -> "https".equals(s.settings().redirectUri().getScheme()))
                        .orElse(false);
        return STATE_COOKIE + "=" + value + "; Path=" + CALLBACK_PATH + "; HttpOnly; SameSite=Lax; Max-Age="
                + maxAgeSecs + (https ? "; Secure" : "");
    }
}
