package io.kronforce.controller.notify;

import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.ExecutionStatus;
import io.kronforce.controller.domain.Job;
import io.kronforce.notifier.EventKind;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.Severity;
import java.time.Instant;
import java.util.List;

/**
 * Upstream's notification text (docs/reference/notifications.md): subject
 * {@code [Kronforce] Job '<name>' succeeded|failed|timed out}, body {@code Job/Status/Execution (8-char id)/Time}; the
 * first 500 characters of stderr as the excerpt; and, for e-mail when {@code email_output} asks, the full stdout and
 * stderr up to 50,000 characters each. The output was masked of secrets by the executor before it was stored.
 */
final class Messages {
    static final int EXCERPT = 500;
    static final int FULL_OUTPUT = 50_000;

    private Messages() {}

    /** One dedup key per job: its failures share an incident, and its next success resolves it. */
    static String dedupKey(String jobId) {
        return "kronforce/job/" + jobId;
    }

    static Notification forRun(Job job, Execution e, EventKind kind, boolean fullOutput) {
        String status = e.status().wire();
        String verb = switch (e.status()) {
            case SUCCEEDED -> "succeeded";
            case TIMED_OUT -> "timed out";
            default -> "failed";
        };
        Instant at = Instant.ofEpochMilli(e.finishedAtMs() == null ? e.createdAtMs() : e.finishedAtMs());
        StringBuilder body = new StringBuilder()
                .append("Job: ")
                .append(job.name())
                .append("\nStatus: ")
                .append(status)
                .append("\nExecution: ")
                .append(e.id(), 0, Math.min(8, e.id().length()))
                .append("\nTime: ")
                .append(at);
        if (fullOutput) {
            body.append("\n\nstdout:\n")
                    .append(clip(e.stdout(), FULL_OUTPUT))
                    .append("\n\nstderr:\n")
                    .append(clip(e.stderr(), FULL_OUTPUT));
        }
        String excerpt = e.stderr() == null || e.stderr().isBlank() ? null : clip(e.stderr(), EXCERPT);
        Severity severity = e.status() == ExecutionStatus.SUCCEEDED ? Severity.INFO : Severity.ERROR;
        return new Notification(
                dedupKey(job.id()),
                kind,
                severity,
                "[Kronforce] Job '" + job.name() + "' " + verb,
                body.toString(),
                job.id(),
                job.name(),
                e.id(),
                status,
                excerpt,
                List.of(),
                at);
    }

    /**
     * An alert from an event (SLA warning or breach, retries exhausted, agent offline): the
     * event's own message is the body. A job's alerts share its incident key, so a breach opens
     * the incident its next success resolves.
     */
    static Notification forAlert(EventKind kind, String eventMessage, Job job, String executionId, Instant at) {
        String what = switch (kind) {
            case SLA_WARNING -> "SLA warning";
            case SLA_BREACH -> "missed its SLA";
            case RETRIES_EXHAUSTED -> "failed after its last retry";
            default -> kind.wire();
        };
        Severity severity = kind == EventKind.SLA_WARNING ? Severity.WARNING : Severity.ERROR;
        if (job == null) {
            return new Notification(
                    "kronforce/" + kind.wire() + "/" + eventMessage.hashCode(),
                    kind,
                    severity,
                    "[Kronforce] " + eventMessage,
                    eventMessage + "\nTime: " + at,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of(),
                    at);
        }
        return new Notification(
                dedupKey(job.id()),
                kind,
                severity,
                "[Kronforce] Job '" + job.name() + "' " + what,
                eventMessage + "\nTime: " + at,
                job.id(),
                job.name(),
                executionId,
                null,
                null,
                List.of(),
                at);
    }

    static Notification test(Instant at) {
        return new Notification(
                "kronforce/test/" + at.toEpochMilli(),
                EventKind.TEST,
                Severity.INFO,
                "[Kronforce] Test notification",
                "This is a test notification from Kronforce.\nTime: " + at,
                null,
                null,
                null,
                null,
                null,
                List.of(),
                at);
    }

    private static String clip(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.length() <= max ? text : text.substring(0, max) + "\n… (truncated)";
    }
}
