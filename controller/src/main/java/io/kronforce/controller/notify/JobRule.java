package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.notifier.EventKind;
import java.util.Optional;

/**
 * A job's {@code notifications} object (SPEC §k):
 * {@code {"on_failure","on_success","on_assertion_failure","recipients"?,"email_output"?}}.
 *
 * <p>Unlike upstream (SPEC §p.10) the status judged is the one after output assertions, and
 * {@code on_assertion_failure} means what it says: a run that failed only because an assertion
 * did not hold notifies when either flag is set, any other failure only under {@code on_failure}.
 */
record JobRule(boolean onFailure, boolean onSuccess, boolean onAssertionFailure, Recipients recipients,
               String emailOutput) {

    /** The line {@code OutputRules} appends to stderr when an assertion fails. */
    static final String ASSERTION_MARK = "[assertion failed] ";

    static Optional<JobRule> of(JsonNode notifications) {
        if (notifications == null || !notifications.isObject()) {
            return Optional.empty();
        }
        return Optional.of(new JobRule(notifications.path("on_failure").asBoolean(false),
                notifications.path("on_success").asBoolean(false),
                notifications.path("on_assertion_failure").asBoolean(false),
                Recipients.from(notifications.get("recipients")),
                notifications.path("email_output").asText("never")));
    }

    /** What to tell everyone about a run that ended {@code status}; empty for nothing. */
    Optional<EventKind> decide(ExecutionStatus status, String stderr) {
        boolean assertion = stderr != null && stderr.contains(ASSERTION_MARK);
        return switch (status) {
            case FAILED -> assertion
                    ? (onAssertionFailure || onFailure ? Optional.of(EventKind.ASSERTION_FAILED) : Optional.empty())
                    : (onFailure ? Optional.of(EventKind.JOB_FAILED) : Optional.empty());
            case TIMED_OUT -> onFailure ? Optional.of(EventKind.JOB_FAILED) : Optional.empty();
            case SUCCEEDED -> onSuccess ? Optional.of(EventKind.JOB_SUCCEEDED) : Optional.empty();
            default -> Optional.empty();
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
