package io.kronforce.controller.http;

import static io.kronforce.controller.testing.Api.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.testing.TestController;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three request budgets and the failed-authentication throttle (docs/SECURITY.md#rate-limits),
 * on a real controller with small limits and a clock the test steps: buckets refill with it.
 */
class RateLimitsApiTest {
    @TempDir
    Path dir;

    private final MutableInstantSource clock = MutableInstantSource.at("2026-03-01T12:00:00Z");
    private TestController tc;

    @AfterEach
    void stop() {
        if (tc != null) {
            tc.close();
        }
    }

    private void start(String... pairs) {
        Map<String, String> env = new HashMap<>();
        env.put("KRONFORCE_RATE_LIMIT_ENABLED", "true");
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        tc = TestController.start(dir, env, clock);
    }

    /** A request with any headers; {@code body} (JSON text) may be null. */
    private TestController.Response send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(tc.uri(path))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> r =
                    tc.client().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new TestController.Response(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private TestController.Response get(String path, String key) {
        return tc.send("GET", path, key, null, null);
    }

    private static String header(TestController.Response r, String name) {
        return r.headers().firstValue(name).orElse(null);
    }

    /** A 429 problem with upstream's text, {@code Retry-After} and the limit headers. */
    private static JsonNode assertLimited(TestController.Response r, int limit, int retryAfter) {
        JsonNode body = assertProblem(r, 429);
        assertTrue(body.path("type").asText().endsWith("/rate-limited"), body::toString);
        assertEquals(String.valueOf(retryAfter), header(r, "Retry-After"), r::toString);
        assertEquals(String.valueOf(limit), header(r, "X-RateLimit-Limit"), r::toString);
        assertEquals("0", header(r, "X-RateLimit-Remaining"), r::toString);
        assertEquals(retryAfter, body.path("retryAfter").asInt(), body::toString);
        return body;
    }

    @Test
    void publicRoutesAnswer429WithTheHeadersOnceAnAddressSpendsItsBudget() {
        start("KRONFORCE_RATE_LIMIT_PUBLIC", "3");
        for (int i = 0; i < 10; i++) {
            assertEquals(200, get("/api/health", null).status(), "health spends no budget");
        }

        for (int left = 2; left >= 0; left--) {
            TestController.Response ok = get("/api/config", null);
            assertEquals(200, ok.status(), ok::toString);
            assertEquals("3", header(ok, "X-RateLimit-Limit"));
            assertEquals(String.valueOf(left), header(ok, "X-RateLimit-Remaining"));
        }
        // Three a minute refill one every 20 s.
        JsonNode body = assertLimited(get("/api/config", null), 3, 20);
        assertEquals(
                "rate limit exceeded, retry after 20 seconds",
                body.path("error").asText());
        // A public route with a body is refused before it is read, as the webhook URL.
        assertLimited(send("POST", "/api/webhooks/whatever", "{}", "Content-Type", "application/json"), 3, 20);

        clock.advance(Duration.ofSeconds(20));
        assertEquals(200, get("/api/config", null).status());
        assertEquals(429, get("/api/config", null).status());
    }

    @Test
    void forwardedForNamesTheBucketOnlyWhenThePeerIsATrustedProxy() {
        start("KRONFORCE_RATE_LIMIT_PUBLIC", "2", "KRONFORCE_TRUSTED_PROXIES", "127.0.0.0/8");
        for (int i = 0; i < 2; i++) {
            assertEquals(
                    200,
                    send("GET", "/api/config", null, "X-Forwarded-For", "203.0.113.7")
                            .status());
        }
        assertEquals(
                429,
                send("GET", "/api/config", null, "X-Forwarded-For", "203.0.113.7")
                        .status());
        // Another client behind the same proxy has a bucket of its own; the proxy's own address too.
        assertEquals(
                200,
                send("GET", "/api/config", null, "X-Forwarded-For", "198.51.100.1, 203.0.113.8")
                        .status());
        assertEquals(200, get("/api/config", null).status());
        // An IPv6 client's bucket is its /64: a host holding the prefix cannot rotate through it.
        for (String address : new String[] {"2001:db8::1", "2001:db8::2", "2001:db8::3"}) {
            assertEquals(
                    address.endsWith("3") ? 429 : 200,
                    send("GET", "/api/config", null, "X-Forwarded-For", address).status(),
                    address);
        }
        assertEquals(
                200,
                send("GET", "/api/config", null, "X-Forwarded-For", "2001:db8:0:1::1")
                        .status());

        tc.close();
        tc = null;
        start("KRONFORCE_RATE_LIMIT_PUBLIC", "2");
        // Nobody trusted: a caller cannot pick a fresh bucket by sending a new header each time.
        assertEquals(
                200,
                send("GET", "/api/config", null, "X-Forwarded-For", "203.0.113.1")
                        .status());
        assertEquals(
                200,
                send("GET", "/api/config", null, "X-Forwarded-For", "203.0.113.2")
                        .status());
        assertEquals(
                429,
                send("GET", "/api/config", null, "X-Forwarded-For", "203.0.113.3")
                        .status());
    }

    @Test
    void userRoutesAreLimitedPerKeyAndTwoKeysDoNotShareABucket() {
        start("KRONFORCE_RATE_LIMIT_AUTHENTICATED", "4");
        for (int left = 3; left >= 0; left--) {
            TestController.Response ok = tc.get("/api/jobs", Role.VIEWER);
            assertEquals(200, ok.status(), ok::toString);
            assertEquals("4", header(ok, "X-RateLimit-Limit"));
            assertEquals(String.valueOf(left), header(ok, "X-RateLimit-Remaining"));
        }
        assertLimited(tc.get("/api/jobs", Role.VIEWER), 4, 15);

        assertEquals(200, tc.get("/api/jobs", Role.OPERATOR).status());
        assertEquals(200, tc.get("/api/jobs", Role.ADMIN).status());
        clock.advance(Duration.ofSeconds(15));
        assertEquals(200, tc.get("/api/jobs", Role.VIEWER).status());
    }

    @Test
    void aDashboardSessionHasABucketOfItsOwn() {
        start("KRONFORCE_RATE_LIMIT_AUTHENTICATED", "2");
        String first = signIn(tc.key(Role.VIEWER));
        String second = signIn(tc.key(Role.VIEWER));

        for (int i = 0; i < 2; i++) {
            assertEquals(
                    200,
                    send("GET", "/api/auth/me", null, "Cookie", "kf_session=" + first)
                            .status());
        }
        assertLimited(send("GET", "/api/auth/me", null, "Cookie", "kf_session=" + first), 2, 30);
        // The same key's other session, and the key itself, still have their budgets.
        assertEquals(
                200,
                send("GET", "/api/auth/me", null, "Cookie", "kf_session=" + second)
                        .status());
        assertEquals(200, tc.get("/api/auth/me", Role.VIEWER).status());
    }

    private String signIn(String key) {
        TestController.Response r = send(
                "POST", "/api/auth/session", "{\"api_key\":\"" + key + "\"}", "Content-Type", TestController.JSON_TYPE);
        assertEquals(200, r.status(), r::toString);
        String cookie = header(r, "set-cookie");
        return cookie.substring("kf_session=".length(), cookie.indexOf(';'));
    }

    @Test
    void agentRoutesAreLimitedPerAgentKey() {
        start("KRONFORCE_RATE_LIMIT_AGENT", "3", "KRONFORCE_RATE_LIMIT_AUTHENTICATED", "1000");
        String otherAgent = tc.createKey("second agent", Role.AGENT);
        String path = "/api/agent-queue/no-such-agent/next";
        for (int i = 0; i < 3; i++) {
            TestController.Response r = get(path, tc.key(Role.AGENT));
            assertNotEquals(429, r.status(), r::toString);
            assertEquals("3", header(r, "X-RateLimit-Limit"), r::toString);
        }
        assertLimited(get(path, tc.key(Role.AGENT)), 3, 20);

        assertNotEquals(429, get(path, otherAgent).status());
        // User routes draw on the other tier: the agent tier's budget does not apply there.
        assertEquals("1000", header(tc.get("/api/jobs", Role.VIEWER), "X-RateLimit-Limit"));
    }

    @Test
    void mcpIsLimitedLikeTheOtherUserRoutes() {
        start("KRONFORCE_RATE_LIMIT_AUTHENTICATED", "2");
        String initialize = """
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",\
                "capabilities":{},"clientInfo":{"name":"t","version":"1"}}}""";
        for (int i = 0; i < 2; i++) {
            TestController.Response r = mcp(initialize);
            assertEquals(200, r.status(), r::toString);
        }
        assertLimited(mcp(initialize), 2, 30);
    }

    private TestController.Response mcp(String body) {
        return send(
                "POST",
                "/mcp",
                body,
                "Authorization",
                "Bearer " + tc.key(Role.VIEWER),
                "Content-Type",
                "application/json",
                "Accept",
                "application/json, text/event-stream");
    }

    @Test
    void failedAuthenticationsAreThrottledPerAddressLongBeforeTheLimits() {
        start("KRONFORCE_RATE_LIMIT_AUTH_FAILURES", "4");
        String wrongKey = "kf_" + "x".repeat(43);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, get("/api/auth/me", null).status(), "no credential is no guess");
        }

        assertEquals(401, get("/api/jobs", wrongKey).status());
        assertEquals(
                404,
                send("POST", "/api/webhooks/not-a-token", "{}", "Content-Type", "application/json")
                        .status());
        assertEquals(
                401,
                send("GET", "/api/jobs", null, "Cookie", "kf_session=not-a-session")
                        .status());
        assertEquals(401, get("/api/executions/nope/stream?ticket=forged", null).status());
        // Four failures a minute: the fifth attempt is refused before any key is looked at, the right one too.
        JsonNode body = assertLimited(get("/api/jobs", wrongKey), 4, 15);
        assertEquals(
                "too many failed authentications, retry after 15 seconds",
                body.path("error").asText());
        assertEquals(429, tc.get("/api/jobs", Role.VIEWER).status());

        clock.advance(Duration.ofSeconds(15));
        assertEquals(200, tc.get("/api/jobs", Role.VIEWER).status());
    }

    @Test
    void withUpstreamsDefaultsAFloodOfWrongKeysIsRefusedAfterTheEleventh() {
        start();
        String wrongKey = "kf_" + "y".repeat(43);
        for (int i = 0; i < 10; i++) {
            assertEquals(401, get("/api/jobs", wrongKey).status());
        }
        for (int i = 0; i < 50; i++) {
            assertEquals(429, get("/api/jobs", wrongKey).status());
        }
        assertEquals(429, get("/api/config", null).status(), "the address is refused everywhere for a while");
        // But for health: probes must not restart a controller someone else's flood throttles.
        assertEquals(200, get("/api/health", null).status());
    }

    @Test
    void zeroOrTheSwitchTurnsLimitsOff() {
        start("KRONFORCE_RATE_LIMIT_ENABLED", "false", "KRONFORCE_RATE_LIMIT_PUBLIC", "1");
        String wrongKey = "kf_" + "z".repeat(43);
        for (int i = 0; i < 30; i++) {
            assertEquals(401, get("/api/jobs", wrongKey).status());
            TestController.Response config = get("/api/config", null);
            assertEquals(200, config.status());
            assertFalse(config.headers().firstValue("X-RateLimit-Limit").isPresent());
        }

        tc.close();
        tc = null;
        start("KRONFORCE_RATE_LIMIT_PUBLIC", "0", "KRONFORCE_RATE_LIMIT_AUTH_FAILURES", "0");
        for (int i = 0; i < 70; i++) {
            assertEquals(200, get("/api/config", null).status());
            assertEquals(401, get("/api/jobs", wrongKey).status());
        }
        // The other tiers keep upstream's defaults.
        assertEquals("300", header(tc.get("/api/jobs", Role.VIEWER), "X-RateLimit-Limit"));
    }
}
