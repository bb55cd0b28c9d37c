package io.kronforce.controller.dashboard;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.Jobs;
import io.kronforce.controller.testing.TestController;
import io.kronforce.worker.tls.TestCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's sign-in through real HTTP: the cookie's flags, what the database keeps, every
 * way a session ends (idle, logout, key revoked, key expired) on a clock the test steps, and the
 * Origin check on cookie writes.
 */
class SessionsApiTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;

    private final MutableInstantSource clock = new MutableInstantSource(T0);
    private TestController tc;
    private BrowserClient browser;

    @BeforeEach
    void start() {
        tc = TestController.start(
                dir, Map.of("KRONFORCE_SESSION_IDLE_SECS", "600", "KRONFORCE_SESSION_MAX_SECS", "7200"), clock);
        browser = new BrowserClient(tc);
    }

    @AfterEach
    void stop() {
        tc.close();
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatAuthenticates() {
        TestController.Response r = browser.signIn(tc.key(Role.OPERATOR));
        assertEquals(200, r.status(), r::toString);
        String header = r.headers().firstValue("set-cookie").orElseThrow();
        List<String> attributes = List.of(header.split(";\\s*"));
        assertTrue(attributes.contains("HttpOnly"), header);
        assertTrue(attributes.contains("SameSite=Strict"), header);
        assertTrue(attributes.contains("Path=/"), header);
        assertTrue(attributes.contains("Max-Age=7200"), header);
        assertFalse(header.contains("Secure"), "plain http sets no Secure flag: " + header);
        assertEquals("session", r.json().path("auth_type").asText());
        assertEquals("operator", r.json().path("role").asText());
        assertEquals(600, r.json().path("idle_timeout_secs").asLong());
        assertFalse(r.body().contains(tc.key(Role.OPERATOR)), "the key is never echoed");

        JsonNode me = browser.get("/api/auth/me", BrowserClient.cookieOf(r)).json();
        assertEquals("session", me.path("auth_type").asText());
        assertEquals("operator", me.path("name").asText());
        assertEquals(
                tc.key(Role.OPERATOR).substring(0, 11), me.path("key_prefix").asText());
        assertEquals(200, browser.get("/api/jobs", BrowserClient.cookieOf(r)).status());
    }

    @Test
    void aWrongKeyIsRefusedWithoutACookie() {
        TestController.Response r = browser.signIn("kf_not-a-real-key");
        assertProblem(r, 401);
        assertTrue(r.headers().firstValue("set-cookie").isEmpty(), r.headers()::toString);
        assertProblem(browser.send("POST", "/api/auth/session", null, browser.ownOrigin(), Map.of()), 400);
        assertProblem(browser.signIn(tc.key(Role.AGENT)), 403);
        assertProblem(browser.get("/api/jobs", "made-up-session"), 401);
    }

    @Test
    void theDatabaseKeepsOnlyTheHashOfTheCookie() throws Exception {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + tc.dbFile());
                var rs = c.createStatement().executeQuery("SELECT token_hash, role FROM browser_sessions")) {
            assertTrue(rs.next());
            assertEquals(64, rs.getString(1).length());
            assertFalse(rs.getString(1).contains(cookie));
            assertEquals("viewer", rs.getString(2));
        }
        String file = Files.readString(tc.dbFile(), java.nio.charset.StandardCharsets.ISO_8859_1)
                + Files.readString(Path.of(tc.dbFile() + "-wal"), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertFalse(file.contains(cookie), "the cookie value is nowhere in the database files");
    }

    @Test
    void anIdleSessionEndsAfterTheIdleTimeoutAndUseKeepsItAlive() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        clock.advance(Duration.ofSeconds(500));
        assertEquals(200, browser.get("/api/auth/me", cookie).status());
        clock.advance(Duration.ofSeconds(500)); // 1000 s after sign-in, 500 s after the last use
        assertEquals(200, browser.get("/api/auth/me", cookie).status());
        clock.advance(Duration.ofSeconds(601));
        assertProblem(browser.get("/api/auth/me", cookie), 401);
        clock.advance(Duration.ofSeconds(-601));
        assertProblem(browser.get("/api/auth/me", cookie), 401); // ended for good, not merely out of time
    }

    @Test
    void aSessionEndsAtItsLongestLifetimeHoweverBusy() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofSeconds(500));
            assertEquals(200, browser.get("/api/auth/me", cookie).status(), "after " + (i + 1) * 500 + " s");
        }
        clock.advance(Duration.ofSeconds(200)); // 7200 s
        assertProblem(browser.get("/api/auth/me", cookie), 401);
    }

    @Test
    void logoutEndsTheSessionAndClearsTheCookie() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        TestController.Response out = browser.send("POST", "/api/auth/logout", cookie, browser.ownOrigin(), null);
        assertEquals(200, out.status(), out::toString);
        assertEquals("logged out", out.json().path("status").asText());
        String cleared = out.headers().firstValue("set-cookie").orElseThrow();
        assertTrue(cleared.startsWith("kf_session=;") && cleared.contains("Max-Age=0"), cleared);
        assertProblem(browser.get("/api/auth/me", cookie), 401);
        assertEquals(
                200, browser.send("POST", "/api/auth/logout", null, null, null).status(), "idempotent");
    }

    @Test
    void revokingTheKeyEndsItsSessions() {
        String raw = tc.createKey("short-lived", Role.OPERATOR);
        String cookie = BrowserClient.cookieOf(browser.signIn(raw));
        assertEquals(200, browser.get("/api/jobs", cookie).status());
        String id = browser.get("/api/auth/me", cookie).json().path("key_id").asText();
        assertEquals(204, tc.delete("/api/keys/" + id, Role.ADMIN).status());
        assertProblem(browser.get("/api/jobs", cookie), 401);
    }

    @Test
    void aSessionEndsWhenItsKeyExpires() {
        TestController.Response created = tc.post(
                "/api/keys",
                Role.ADMIN,
                Map.of(
                        "name",
                        "expiring",
                        "role",
                        "viewer",
                        "expires_at",
                        T0.plusSeconds(300).toString()));
        assertEquals(200, created.status(), created::toString);
        TestController.Response r =
                browser.signIn(created.json().path("raw_key").asText());
        assertTrue(r.headers().firstValue("set-cookie").orElseThrow().contains("Max-Age=300"));
        String cookie = BrowserClient.cookieOf(r);
        clock.advance(Duration.ofSeconds(299));
        assertEquals(200, browser.get("/api/auth/me", cookie).status());
        clock.advance(Duration.ofSeconds(1));
        assertProblem(browser.get("/api/auth/me", cookie), 401);
    }

    @Test
    void aCookieWriteNeedsTheControllersOwnOrigin() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.OPERATOR)));
        Object job = Jobs.shell(Jobs.uniqueName("from-browser"), "true").json();
        assertProblem(browser.send("POST", "/api/jobs", cookie, null, job), 403);
        assertProblem(browser.send("POST", "/api/jobs", cookie, "http://evil.example", job), 403);
        assertProblem(browser.send("POST", "/api/jobs", cookie, "https://127.0.0.1:" + tc.port(), job), 403);
        TestController.Response ok = browser.send("POST", "/api/jobs", cookie, browser.ownOrigin(), job);
        assertEquals(201, ok.status(), ok::toString);
        assertProblem(
                browser.send(
                        "POST",
                        "/api/auth/session",
                        null,
                        "http://evil.example",
                        Map.of("api_key", tc.key(Role.OPERATOR))),
                403);
    }

    @Test
    void aViewersCookieIsRefusedOnAWrite() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.VIEWER)));
        Object job = Jobs.shell(Jobs.uniqueName("viewer-try"), "true").json();
        assertProblem(browser.send("POST", "/api/jobs", cookie, browser.ownOrigin(), job), 403);
        assertEquals(0, tc.read("/api/jobs?search=viewer-try").path("total").asLong());
    }

    @Test
    void writesWithACookieAreAuditedAsViaDashboard() {
        String cookie = BrowserClient.cookieOf(browser.signIn(tc.key(Role.OPERATOR)));
        String name = Jobs.uniqueName("audited");
        assertEquals(
                201,
                browser.send(
                                "POST",
                                "/api/jobs",
                                cookie,
                                browser.ownOrigin(),
                                Jobs.shell(name, "true").json())
                        .status());
        JsonNode row =
                tc.read("/api/audit-log?operation=job.created").path("data").get(0);
        assertEquals("operator (via dashboard)", row.path("actor_key_name").asText());
        assertEquals("dashboard", row.path("via").asText());
    }

    @Test
    void underTlsTheCookieIsSecure(@TempDir Path tlsDir) {
        TestCertificates cert = TestCertificates.ec(tlsDir, "controller");
        try (TestController secure = TestController.start(
                tlsDir,
                Map.of(
                        "KRONFORCE_TLS_CERT",
                        cert.cert().toString(),
                        "KRONFORCE_TLS_KEY",
                        cert.key().toString()))) {
            BrowserClient b = new BrowserClient(secure);
            TestController.Response r = b.signIn(secure.key(Role.VIEWER));
            assertEquals(200, r.status(), r::toString);
            assertTrue(
                    List.of(r.headers().firstValue("set-cookie").orElseThrow().split(";\\s*"))
                            .contains("Secure"));
        }
    }
}
