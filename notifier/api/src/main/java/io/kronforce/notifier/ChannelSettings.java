package io.kronforce.notifier;

import io.kronforce.task.EgressPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * What the host hands every channel at creation.
 *
 * @param egress the outbound-address policy every network call must pass (private addresses are
 *     refused unless allow-listed, as for the http task)
 * @param timeout the longest one attempt may take, connect included
 * @param clock reads "now" for {@code Retry-After} dates and message timestamps
 */
public record ChannelSettings(EgressPolicy egress, Duration timeout, Clock clock) {
    public ChannelSettings {
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(clock, "clock");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** Public addresses only, 10 s per attempt, the system clock. */
    public static ChannelSettings defaults() {
        return new ChannelSettings(EgressPolicy.publicOnly(), Duration.ofSeconds(10), Clock.systemUTC());
    }
}
