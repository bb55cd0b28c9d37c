package io.kronforce.controller.access.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Token buckets (Bucket4j): each caller of a tier may spend the tier's per-minute budget at once,
 * and it refills continuously over a minute. Buckets live in a bounded cache (Caffeine) that drops
 * one unused for a minute — by then it would be full again, so forgetting it changes nothing — and
 * the least recently used beyond {@link #MAX_CALLERS_PER_TIER}, so a flood of distinct addresses
 * cannot grow memory without bound. Time is the controller's {@link InstantSource}, so tests step it.
 */
public final class RateLimiter {
    static final Duration WINDOW = Duration.ofMinutes(1);
    /** Callers remembered per tier; about 0.5 KB each. */
    public static final int MAX_CALLERS_PER_TIER = 20_000;

    /**
     * One admission: whether the request may go on, the tier's budget, what is left of it, and when
     * it is spent, how long until one more request is allowed.
     */
    public record Verdict(boolean allowed, long limit, long remaining, long retryAfterSeconds) {}

    private final RateLimitSettings settings;
    private final TimeMeter meter;
    private final Map<Tier, Cache<String, Bucket>> buckets = new EnumMap<>(Tier.class);

    public RateLimiter(RateLimitSettings settings, InstantSource clock) {
        this.settings = settings;
        this.meter = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanos(clock);
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        for (Tier tier : Tier.values()) {
            if (settings.perMinute(tier) > 0) {
                buckets.put(
                        tier,
                        Caffeine.newBuilder()
                                .ticker(() -> nanos(clock))
                                .executor(Runnable::run) // upkeep on the caller's thread: no pool, no surprise
                                .expireAfterAccess(WINDOW)
                                .maximumSize(MAX_CALLERS_PER_TIER)
                                .build());
            }
        }
    }

    private static long nanos(InstantSource clock) {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    public RateLimitSettings settings() {
        return settings;
    }

    /** Spends one request of {@code caller}'s budget in {@code tier}; empty when the tier is off. */
    public Optional<Verdict> take(Tier tier, String caller) {
        Cache<String, Bucket> cache = buckets.get(tier);
        if (cache == null) {
            return Optional.empty();
        }
        long limit = settings.perMinute(tier);
        var probe = cache.get(caller, k -> newBucket(limit)).tryConsumeAndReturnRemaining(1);
        return Optional.of(new Verdict(
                probe.isConsumed(), limit, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForRefill())));
    }

    /**
     * Whether {@code address} has used up its failed authentications: a refusal verdict, else empty.
     * Spends nothing, and remembers no address that has not failed.
     */
    public Optional<Verdict> failing(String address) {
        Cache<String, Bucket> cache = buckets.get(Tier.AUTH_FAILURES);
        Bucket bucket = cache == null ? null : cache.getIfPresent(address);
        if (bucket == null) {
            return Optional.empty();
        }
        var estimate = bucket.estimateAbilityToConsume(1);
        return estimate.canBeConsumed()
                ? Optional.empty()
                : Optional.of(new Verdict(
                        false, settings.perMinute(Tier.AUTH_FAILURES), 0, seconds(estimate.getNanosToWaitForRefill())));
    }

    /**
     * Counts one failed authentication from {@code address}: a refusal verdict when it was one too
     * many. Concurrent requests can all pass {@link #failing} while one failure is left; this makes
     * all but one of them a refusal, so no more failures than the budget are ever answered as such.
     */
    public Optional<Verdict> failed(String address) {
        return take(Tier.AUTH_FAILURES, address).filter(v -> !v.allowed());
    }

    /** Callers remembered in {@code tier} now (after pending expiry): for tests of the memory bound. */
    public long callers(Tier tier) {
        Cache<String, Bucket> cache = buckets.get(tier);
        if (cache == null) {
            return 0;
        }
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private Bucket newBucket(long perMinute) {
        return Bucket.builder()
                .addLimit(l -> l.capacity(perMinute).refillGreedy(perMinute, WINDOW))
                .withCustomTimePrecision(meter)
                .build();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }
}
