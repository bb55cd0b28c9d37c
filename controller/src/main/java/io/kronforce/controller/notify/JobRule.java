package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.notifier.EventKind;
import java.util.Optional;

/**
 * A job's {@code notifications} object (docs/reference/notifications.md):
 * {@code {"on_failure","on_success","on_assertion_failure","recipients"?,"email_output"?}}.
 *
 * <p>Unlike upstream (docs/reference/differences.md row 10) the status judged is the one after output assertions, and
 * {@code on_assertion_failure} means what it says: a run that failed only because an assertion
 * did not hold notifies when either flag is set, any other failure only under {@code on_failure}.
 */
record JobRule(
        boolean onFailure,
        boolean onSuccess,
        boolean onAssertionFailure,
        boolean onSla,
        boolean onRetriesExhausted,
        Recipients recipients,
        String emailOutput) {

    static Optional<JobRule> of(JsonNode notifications) {
        if (notifications == null || !notifications.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new JobRule(
                notifications.path("on_failure").asBoolean(false),
                notifications.path("on_success").asBoolean(false),
                notifications.path("on_assertion_failure").asBoolean(false),
                notifications.path("on_sla").asBoolean(false),
                notifications.path("on_retries_exhausted").asBoolean(false),
                Recipients.from(notifications.get("recipients")),
                notifications.path("email_output").asText("never")));
    }

    /**
     * What to tell everyone about a run that ended {@code status}; empty for nothing.
     * {@code assertion}: an output assertion failed the run (the completion event says so).
     */
    Optional<EventKind> decide(ExecutionStatus status, boolean assertion) {
        return switch (status) {
            case FAILED ->
                assertion
                        ? (onAssertionFailure || onFailure ? Optional.of(EventKind.ASSERTION_FAILED) : Optional.empty())
                        : (onFailure ? Optional.of(EventKind.JOB_FAILED) : Optional.empty());
            case TIMED_OUT -> onFailure ? Optional.of(EventKind.JOB_FAILED) : Optional.empty();
            case SUCCEEDED -> onSuccess ? Optional.of(EventKind.JOB_SUCCEEDED) : Optional.empty();
            default -> Optional.empty();
        };
    }

    /**
     * Whether an alert about one of the job's runs is wanted (beyond upstream, which sends none):
     * an SLA breach under {@code on_sla} or {@code on_failure}, an SLA warning under {@code on_sla},
     * exhausted retries under {@code on_retries_exhausted} (each failed attempt already notifies
     * under {@code on_failure}).
     */
    boolean wants(EventKind kind) {
        return switch (kind) {
            case SLA_BREACH -> onSla || onFailure;
            case SLA_WARNING -> onSla;
            case RETRIES_EXHAUSTED -> onRetriesExhausted;
            default -> false;
        };
    }

    /**
     * Whether a success should still close incidents the job's failures opened: failures were
     * being reported, successes are not, so only incident-keeping channels hear of it.
     */
    boolean resolvesQuietly(ExecutionStatus status) {
        return status == ExecutionStatus.SUCCEEDED && !onSuccess && (onFailure || onAssertionFailure);
    }

    /** Whether {@code email_output} asks for the full output for a run that ended {@code status}. */
    boolean emailsOutput(ExecutionStatus status) {
        return "always".equals(emailOutput) || ("failure".equals(emailOutput) && status != ExecutionStatus.SUCCEEDED);
    }
}
