package io.kronforce.controller.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.OpenIdProvider;
import io.kronforce.controller.store.access.SsoStore;
import io.kronforce.controller.testing.TestController;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Single sign-on against a real OpenID provider (mock-oauth2-server, in this JVM, on its own
 * port): the whole browser round trip through the controller's routes, the role mapped from the
 * {@code groups} claim, logout; and every refusal (a token signed by another key, for another
 * audience, expired, with another nonce; a state unknown, replayed or begun in another browser)
 * answers 4xx and opens no session.
 */
class SingleSignOnTest {
    private static final String CLIENT = OpenIdProvider.CLIENT;

    @TempDir
    static Path dir;

    /** The controller's clock: the provider's real time, stepped by hand only to pass a session's end (and back). */
    static final MutableInstantSource CLOCK = new MutableInstantSource(Instant.now());

    static OpenIdProvider idp;
    static TestController tc;

    @BeforeAll
    static void start() {
        idp = OpenIdProvider.start();
        Map<String, String> env = idp.env(OpenIdProvider.freePort());
        env.put("KRONFORCE_OIDC_SESSION_TTL_SECS", "3600");
        env.put("KRONFORCE_SESSION_IDLE_SECS", "7200");
        tc = TestController.start(dir, env, CLOCK);
    }

    @AfterAll
    static void stop() {
        tc.close();
        idp.close();
    }

    @Test
    void aFullSignInOpensASessionThatReadsTheApiAndEndsAtLogout() throws Exception {
        idp.signInAs(
                "alice",
                Map.of("email", "alice@example.com", "name", "Alice", "groups", List.of("staff", "kf-admins")));
        Browser alice = new Browser(true);
        HttpResponse<String> landing = alice.get("/api/auth/oidc/login");
        assertEquals(200, landing.statusCode(), landing::body);
        assertEquals("/", landing.uri().getPath(), "the callback sends the browser to the dashboard");

        JsonNode me = TestController.JSON.readTree(alice.get("/api/auth/me").body());
        assertEquals("oidc", me.path("auth_type").asText(), me::toString);
        assertEquals("Alice", me.path("name").asText());
        assertEquals("alice@example.com", me.path("email").asText());
        assertEquals("admin", me.path("role").asText());
        assertEquals(200, alice.get("/api/jobs").statusCode());
        assertEquals(200, alice.get("/api/keys").statusCode(), "admins read the key list");

        // Writes with the cookie need the controller's own Origin, as for a key's session.
        String variable = "{\"name\":\"SSO_MADE\",\"value\":\"1\"}";
        assertEquals(403, alice.post("/api/variables", variable, false).statusCode());
        HttpResponse<String> made = alice.post("/api/variables", variable, true);
        assertTrue(made.statusCode() / 100 == 2, made::body);
        JsonNode audit = tc.read("/api/audit-log").path("data").get(0);
        assertEquals(
                "alice@example.com (via dashboard)",
                audit.path("actor_key_name").asText(),
                audit::toString);

        long before = sessions();
        HttpResponse<String> out = alice.post("/api/auth/logout", "", true);
        assertEquals(200, out.statusCode(), out::body);
        assertEquals(before - 1, sessions());
        assertEquals(401, alice.get("/api/auth/me").statusCode());
    }

    @Test
    void theRoleComesFromTheGroupsClaimWithTheViewerAsDefault() throws Exception {
        idp.signInAs("olga", Map.of("email", "olga@example.com", "groups", "release-managers"));
        Browser olga = new Browser(true);
        olga.get("/api/auth/oidc/login");
        JsonNode me = TestController.JSON.readTree(olga.get("/api/auth/me").body());
        assertEquals("operator", me.path("role").asText(), me::toString);
        assertEquals("olga@example.com", me.path("name").asText(), "no name claim: the e-mail address");
        assertEquals(403, olga.get("/api/keys").statusCode(), "operators do not read keys");

        idp.signInAs("victor", Map.of("email", "victor@example.com", "groups", List.of("KF-ADMINS", "staff")));
        Browser victor = new Browser(true);
        victor.get("/api/auth/oidc/login");
        JsonNode viewer =
                TestController.JSON.readTree(victor.get("/api/auth/me").body());
        assertEquals("viewer", viewer.path("role").asText(), "values compare exactly, case included");
        assertEquals(200, victor.get("/api/jobs").statusCode());
        assertEquals(
                403,
                victor.post("/api/variables", "{\"name\":\"NO\",\"value\":\"1\"}", true)
                        .statusCode());
    }

    @Test
    void aStateAnswersOneCallbackOnly() throws Exception {
        idp.signInAs("rita", Map.of("email", "rita@example.com"));
        Browser rita = new Browser(false);
        URI authorize = rita.location(rita.get("/api/auth/oidc/login"));
        assertTrue(authorize.getRawQuery().contains("code_challenge_method=S256"), authorize::toString);
        URI callback = rita.location(rita.send(HttpRequest.newBuilder(authorize).GET()));
        long before = sessions();
        HttpResponse<String> first = rita.send(HttpRequest.newBuilder(callback).GET());
        assertEquals(307, first.statusCode(), first::body);
        assertTrue(first.headers().allValues("set-cookie").stream()
                .anyMatch(c -> c.startsWith("kf_session=") && !c.startsWith("kf_session=;")));
        assertEquals(before + 1, sessions());

        // The same answer again (the state cookie set again by hand, as an attacker replaying it would).
        Browser replay = new Browser(false);
        HttpResponse<String> again = replay.send(HttpRequest.newBuilder(callback)
                .header("Cookie", SsoCookie.STATE + "=" + query(callback, "state"))
                .GET());
        refused(again, "invalid or expired state", before + 1);
    }

    @Test
    void anUnknownStateOrOneBegunInAnotherBrowserIsRefused() throws Exception {
        long before = sessions();
        Browser stranger = new Browser(false);
        refused(
                stranger.send(HttpRequest.newBuilder(tc.uri("/api/auth/oidc/callback?code=abc&state=made-up"))
                        .header("Cookie", SsoCookie.STATE + "=made-up")
                        .GET()),
                "invalid or expired state",
                before);

        idp.signInAs("mallory", Map.of("email", "mallory@example.com"));
        Browser mallory = new Browser(false);
        URI callback = mallory.location(
                mallory.send(HttpRequest.newBuilder(mallory.location(mallory.get("/api/auth/oidc/login")))
                        .GET()));
        // Mallory's callback URL, opened in the victim's browser, which began no sign-in.
        Browser victim = new Browser(false);
        refused(victim.send(HttpRequest.newBuilder(callback).GET()), "not begun in this browser", before);
        refused(
                victim.send(HttpRequest.newBuilder(tc.uri("/api/auth/oidc/callback?error=access_denied"))
                        .GET()),
                "access_denied",
                before);
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        String realKeyId = idp.keyId();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(realKeyId).generate();
        refusedToken(
                nonce -> {
                    JWTClaimsSet claims = new JWTClaimsSet.Builder()
                            .issuer(idp.issuer())
                            .audience(CLIENT)
                            .subject("forged")
                            .claim("email", "forged@example.com")
                            .claim("groups", List.of("kf-admins"))
                            .claim("nonce", nonce)
                            .issueTime(new Date())
                            .expirationTime(Date.from(Instant.now().plusSeconds(600)))
                            .build();
                    SignedJWT jwt = new SignedJWT(
                            new JWSHeader.Builder(JWSAlgorithm.RS256)
                                    .keyID(realKeyId)
                                    .type(JOSEObjectType.JWT)
                                    .build(),
                            claims);
                    jwt.sign(new RSASSASigner(forger));
                    return jwt.serialize();
                },
                "signature");
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        refusedToken(nonce -> idp.issued(List.of("another-client"), Map.of("nonce", nonce), 600), "aud claim");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        refusedToken(nonce -> idp.issued(List.of(CLIENT), Map.of("nonce", nonce), -3600), "xpired");
    }

    @Test
    void aTokenWithAnotherNonceIsRefused() throws Exception {
        refusedToken(nonce -> idp.issued(List.of(CLIENT), Map.of("nonce", "not-" + nonce), 600), "nonce");
    }

    @Test
    void aSessionEndsAtTheSignOnsLifetime() throws Exception {
        idp.signInAs("tess", Map.of("email", "tess@example.com"));
        Browser tess = new Browser(false);
        URI callback = tess.location(tess.send(HttpRequest.newBuilder(tess.location(tess.get("/api/auth/oidc/login")))
                .GET()));
        HttpResponse<String> signedIn =
                tess.send(HttpRequest.newBuilder(callback).GET());
        String cookie = signedIn.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("kf_session="))
                .findFirst()
                .orElseThrow();
        assertTrue(
                cookie.contains("Max-Age=3600") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                cookie);
        assertEquals(200, tess.get("/api/auth/me").statusCode());
        Instant now = CLOCK.instant();
        try {
            CLOCK.set(now.plusSeconds(3601));
            assertEquals(401, tess.get("/api/auth/me").statusCode());
        } finally {
            CLOCK.set(Instant.now());
        }
        assertEquals(401, tess.get("/api/auth/me").statusCode(), "ended for good, not merely out of time");
    }

    @Test
    void theConfigRouteSaysSingleSignOnIsOn() throws Exception {
        JsonNode config = TestController.JSON.readTree(
                new Browser(false).get("/api/auth/oidc/config").body());
        assertTrue(config.path("enabled").asBoolean(), config::toString);
    }

    interface TokenFor {
        String make(String nonce) throws Exception;
    }

    /**
     * Begins a sign-in, has the provider's token endpoint answer the next token request with
     * {@code token} (made for this sign-in's nonce), and follows the provider's answer back to the
     * callback: refused, no session.
     */
    private void refusedToken(TokenFor token, String why) throws Exception {
        long before = sessions();
        Browser browser = new Browser(false);
        URI authorize = browser.location(browser.get("/api/auth/oidc/login"));
        String nonce = query(authorize, "nonce");
        idp.answerNextTokenRequestWith(token.make(nonce));
        String state = query(authorize, "state");
        refused(
                browser.send(HttpRequest.newBuilder(tc.uri("/api/auth/oidc/callback?code=some-code&state=" + state))
                        .GET()),
                why,
                before);
    }

    private static void refused(HttpResponse<String> r, String why, long sessionsBefore) {
        assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, () -> r.statusCode() + " " + r.body());
        assertTrue(r.body().contains(why), r::body);
        assertTrue(r.body().contains("\"error\""), r::body);
        assertFalse(
                r.headers().allValues("set-cookie").stream()
                        .anyMatch(c -> c.startsWith("kf_session=") && !c.startsWith("kf_session=;")),
                () -> r.headers().toString());
        assertEquals(sessionsBefore, sessions(), "no session was opened");
    }

    private static long sessions() {
        return new SsoStore(tc.parts().db()).countSessions();
    }

    private static String query(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            if (pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing from " + uri);
    }

    /** The names of the cookies the test sets by hand. */
    private static final class SsoCookie {
        static final String STATE = "kf_sso_state";
    }

    /** A browser: keeps cookies, follows redirects or not, sends Origin on writes when asked. */
    private static final class Browser {
        private final HttpClient http;

        Browser(boolean follow) {
            http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                    .followRedirects(follow ? HttpClient.Redirect.NORMAL : HttpClient.Redirect.NEVER)
                    .connectTimeout(Duration.ofSeconds(5))
                    .build();
        }

        HttpResponse<String> get(String path) throws Exception {
            return send(HttpRequest.newBuilder(tc.uri(path)).GET());
        }

        HttpResponse<String> post(String path, String json, boolean origin) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(tc.uri(path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (origin) {
                b.header("Origin", "http://127.0.0.1:" + tc.port());
            }
            return send(b);
        }

        HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return http.send(b.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }

        URI location(HttpResponse<String> r) {
            assertTrue(r.statusCode() / 100 == 3, () -> r.statusCode() + " " + r.body());
            return r.uri().resolve(r.headers().firstValue("location").orElseThrow());
        }
    }
}
