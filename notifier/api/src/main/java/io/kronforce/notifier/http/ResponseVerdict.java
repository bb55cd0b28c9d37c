package io.kronforce.notifier.http;

import io.kronforce.notifier.Delivery;
import java.time.Clock;
import java.util.Optional;

/**
 * Maps an HTTP answer onto a delivery result, the same for every service: 2xx delivered; 408,
 * 425, 429 and 5xx are transient and honour {@code Retry-After}; any other status (3xx
 * included: webhooks do not redirect, and following one would leak the secret URL's payload
 * elsewhere) is permanent.
 */
public final class ResponseVerdict {

    private static final int SNIPPET = 200;

    private ResponseVerdict() {}

    /**
     * @param target the masked target, for the reason text
     * @param body the response body (a short excerpt goes into the reason: services say there
     *     what was wrong, e.g. Slack's {@code invalid_payload})
     */
    public static Delivery of(int status, Optional<String> retryAfter, String body, String target, Clock clock) {
        String said = snippet(body);
        if (status >= 200 && status < 300) {
            return new Delivery.Delivered(target + " answered " + status);
        }
        String reason = target + " answered " + status + (said.isEmpty() ? "" : ": " + said);
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new Delivery.RetryLater(reason, retryAfter.flatMap(v -> RetryAfter.parse(v, clock)));
        }
        return new Delivery.Undeliverable(reason);
    }

    private static String snippet(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SNIPPET ? oneLine : oneLine.substring(0, SNIPPET) + "…";
    }
}
