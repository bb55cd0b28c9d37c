package io.kronforce.notifier;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** The result of one delivery attempt. Reasons are for people and never contain secrets. */
public sealed interface Delivery {

    /** The peer accepted the message. */
    record Delivered(String detail) implements Delivery {
        public Delivered {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * A transient failure (throttling, 5xx, timeout, connection refused): the same attempt may
     * succeed later.
     *
     * @param retryAfter how long the peer asked us to wait, when it said so
     */
    record RetryLater(String reason, Optional<Duration> retryAfter) implements Delivery {
        public RetryLater {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(retryAfter, "retryAfter");
        }

        public static RetryLater because(String reason) {
            return new RetryLater(reason, Optional.empty());
        }
    }

    /** A permanent failure (bad destination, refused address, 4xx): trying again cannot help. */
    record Undeliverable(String reason) implements Delivery {
        public Undeliverable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
