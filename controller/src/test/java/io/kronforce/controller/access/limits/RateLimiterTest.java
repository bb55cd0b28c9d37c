package io.kronforce.controller.access.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.fixtures.MutableInstantSource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The buckets' memory: bounded under a flood of distinct callers, and emptied once callers go idle. */
class RateLimiterTest {
    private final MutableInstantSource clock = MutableInstantSource.at("2026-03-01T12:00:00Z");
    private final RateLimiter limiter =
            new RateLimiter(new RateLimitSettings(true, 60, 300, 600, 10, List.of()), clock);

    @Test
    void aFloodOfDistinctAddressesKeepsAtMostTheBoundOfBuckets() {
        int flood = RateLimiter.MAX_CALLERS_PER_TIER + 5_000;
        for (int i = 0; i < flood; i++) {
            limiter.take(Tier.PUBLIC, "10." + (i >> 16) + "." + (i >> 8 & 255) + "." + (i & 255));
            limiter.failed("2001:db8::" + Integer.toHexString(i));
        }
        assertTrue(limiter.callers(Tier.PUBLIC) <= RateLimiter.MAX_CALLERS_PER_TIER, "public buckets bounded");
        assertTrue(limiter.callers(Tier.AUTH_FAILURES) <= RateLimiter.MAX_CALLERS_PER_TIER, "failure buckets bounded");
    }

    @Test
    void bucketsOfIdleCallersAreForgottenAfterAWindow() {
        for (int i = 0; i < 1_000; i++) {
            limiter.take(Tier.AUTHENTICATED, "key:" + i);
        }
        assertEquals(1_000, limiter.callers(Tier.AUTHENTICATED));
        clock.advance(Duration.ofSeconds(61));
        assertEquals(0, limiter.callers(Tier.AUTHENTICATED));
    }

    @Test
    void anAddressThatNeverFailedIsNeitherRefusedNorRemembered() {
        assertTrue(limiter.failing("192.0.2.1").isEmpty());
        assertEquals(0, limiter.callers(Tier.AUTH_FAILURES));
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.failed("192.0.2.1").isEmpty(), "failure " + (i + 1) + " is within the budget");
        }
        assertFalse(limiter.failed("192.0.2.1").orElseThrow().allowed(), "the eleventh is one too many");
        var refused = limiter.failing("192.0.2.1").orElseThrow();
        assertFalse(refused.allowed());
        assertEquals(6, refused.retryAfterSeconds()); // ten a minute: one more every 6 s
        assertTrue(limiter.failing("192.0.2.2").isEmpty());
    }

    @Test
    void aTierSetToZeroKeepsNoBuckets() {
        RateLimiter off = new RateLimiter(new RateLimitSettings(true, 0, 300, 600, 10, List.of()), clock);
        assertTrue(off.take(Tier.PUBLIC, "192.0.2.1").isEmpty());
        assertTrue(new RateLimiter(RateLimitSettings.OFF, clock)
                .take(Tier.AUTHENTICATED, "key:a")
                .isEmpty());
    }
}
