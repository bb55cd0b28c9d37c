package io.kronforce.controller.access.limits;

import io.kronforce.task.Cidr;
import java.util.List;

/**
 * The {@code KRONFORCE_RATE_LIMIT_*} settings: requests per minute for each tier, and failed
 * authentications per minute per client address. A limit of 0 turns its tier off; {@code enabled}
 * false turns every tier off.
 *
 * @param trustedProxies peers whose {@code X-Forwarded-For} names the client ({@code KRONFORCE_TRUSTED_PROXIES})
 */
public record RateLimitSettings(
        boolean enabled,
        int publicPerMinute,
        int authenticatedPerMinute,
        int agentPerMinute,
        int authFailuresPerMinute,
        List<Cidr> trustedProxies) {

    // Per minute: upstream's defaults for the three tiers, ours for failed authentications.
    public static final int PUBLIC_DEFAULT = 60;
    public static final int AUTHENTICATED_DEFAULT = 300;
    public static final int AGENT_DEFAULT = 600;
    public static final int AUTH_FAILURES_DEFAULT = 10;

    public RateLimitSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** No limit at all, no proxy trusted. */
    public static final RateLimitSettings OFF = new RateLimitSettings(false, 0, 0, 0, 0, List.of());

    /** The budget per minute of {@code tier}; 0 when it is off. */
    public int perMinute(Tier tier) {
        if (!enabled) {
            return 0;
        }
        return switch (tier) {
            case PUBLIC -> publicPerMinute;
            case AUTHENTICATED -> authenticatedPerMinute;
            case AGENT -> agentPerMinute;
            case AUTH_FAILURES -> authFailuresPerMinute;
        };
    }
}
