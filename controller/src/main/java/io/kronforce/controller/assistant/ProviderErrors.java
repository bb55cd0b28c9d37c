package io.kronforce.controller.assistant;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.exec.SecretMask;
import io.kronforce.task.EgressDeniedException;
import java.net.http.HttpTimeoutException;

/**
 * What a failed provider call becomes: a refusal of the egress policy is the configuration's problem
 * ({@code 400 egress-refused}); anything the provider did or failed to do is {@code 502
 * ai-provider-failed} naming the status and the provider's own message. Upstream answered 500 for
 * all of these. Messages never carry the API key: a provider that echoes it is masked.
 */
final class ProviderErrors {
    static final int MAX_DETAIL_CHARS = 300;

    private ProviderErrors() {}

    /** The provider answered {@code status} with {@code message}. */
    static KronforceException answered(int status, String message, String apiKey) {
        String text = message == null ? "" : message;
        String own =
                text.startsWith(status + ": ") ? text.substring((status + ": ").length()) : text; // the SDK's prefix
        return failed("AI provider answered " + status + ": " + scrub(own, apiKey));
    }

    /** The call did not complete: refused by the policy, timed out, or the host could not be reached. */
    static KronforceException unreachable(Throwable e, String apiKey) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EgressDeniedException denied) {
                return refused(denied);
            }
            if (t instanceof HttpTimeoutException) {
                return failed("AI provider did not answer in time");
            }
            if (t instanceof InterruptedException) {
                Thread.currentThread().interrupt();
                return failed("interrupted while waiting for the AI provider");
            }
        }
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return failed("cannot reach the AI provider: " + scrub(String.valueOf(root.getMessage()), apiKey));
    }

    /** The provider answered something the SDK could not read. */
    static KronforceException unreadable(Throwable e, String apiKey) {
        return failed("AI provider sent an answer that could not be read: " + scrub(e.getMessage(), apiKey));
    }

    static KronforceException refused(EgressDeniedException e) {
        return new KronforceException.InvalidInput(
                ProblemType.EGRESS_REFUSED,
                "the AI provider's address is refused by the egress policy: " + e.getMessage(),
                java.util.List.of());
    }

    private static KronforceException failed(String message) {
        return new KronforceException.BadGateway(ProblemType.AI_PROVIDER_FAILED, message);
    }

    static String scrub(String message, String apiKey) {
        String text = message == null ? "" : message;
        if (!apiKey.isEmpty()) {
            text = text.replace(apiKey, SecretMask.MASK);
        }
        return text.length() > MAX_DETAIL_CHARS ? text.substring(0, MAX_DETAIL_CHARS) + "…" : text;
    }
}
