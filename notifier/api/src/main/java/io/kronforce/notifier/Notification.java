package io.kronforce.notifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What happened, ready to render: the subject and body are upstream's text (so plain-text
 * channels stay wire-compatible), the other fields let richer channels build cards and fields.
 *
 * @param dedupKey names the condition, not the message: every failure of one job shares it, so
 *     PagerDuty groups them into one incident and the job's next success resolves it
 * @param kind what happened
 * @param severity how urgent it is
 * @param subject one line, e.g. {@code [Kronforce] Job 'backup' failed}
 * @param body plain text, several lines
 * @param jobId the job, or {@code null} for events without one (agent offline)
 * @param jobName the job's name, or {@code null}
 * @param executionId the execution, or {@code null}
 * @param status the execution status after output assertions ({@code failed}, {@code timed_out}…), or {@code null}
 * @param outputExcerpt a short tail of the output (already masked of secrets), or {@code null}
 * @param links places to look, possibly empty
 * @param occurredAt when it happened
 */
public record Notification(
        String dedupKey,
        EventKind kind,
        Severity severity,
        String subject,
        String body,
        String jobId,
        String jobName,
        String executionId,
        String status,
        String outputExcerpt,
        List<Link> links,
        Instant occurredAt) {

    public Notification {
        Objects.requireNonNull(dedupKey, "dedupKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(occurredAt, "occurredAt");
        links = links == null ? List.of() : List.copyOf(links);
    }
}
