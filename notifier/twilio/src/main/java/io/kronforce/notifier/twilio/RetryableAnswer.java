package io.kronforce.notifier.twilio;

import java.util.Optional;

/**
 * Twilio answered 429 or 5xx. Thrown out of the SDK's call on purpose: the SDK would turn the
 * answer into an {@code ApiException} that keeps the status but drops the {@code Retry-After}
 * header, and honouring that header is the point.
 */
final class RetryableAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final transient Optional<String> retryAfter;
    final String body;

    RetryableAnswer(int status, Optional<String> retryAfter, String body) {
        super("Twilio answered " + status, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
        this.body = body;
    }
}
