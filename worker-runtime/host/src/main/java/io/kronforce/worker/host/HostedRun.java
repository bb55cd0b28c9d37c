package io.kronforce.worker.host;

import io.kronforce.worker.wire.ExecuteRequest;
import io.kronforce.worker.wire.QueueItem;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One dispatch as the host runs it, whichever way it arrived (pushed or claimed).
 *
 * @param task the task object, placeholders resolved
 * @param timeout empty for no deadline
 * @param runAs empty to run as the worker's own user
 */
public record HostedRun(
        String executionId,
        String jobId,
        int attempt,
        Map<String, Object> task,
        Optional<Duration> timeout,
        Optional<String> runAs) {
    public HostedRun {
        task = task == null ? Map.of() : task;
    }

    /** A run pushed to {@code /execute}. */
    public static HostedRun from(ExecuteRequest r) {
        return new HostedRun(
                r.executionId(),
                r.jobId(),
                r.attempt() == null ? 1 : r.attempt(),
                r.task(),
                timeout(r.timeoutSecs()),
                Optional.ofNullable(r.runAs()));
    }

    /** A run claimed from the queue. */
    public static HostedRun from(QueueItem q) {
        return new HostedRun(
                q.executionId(),
                q.jobId(),
                q.attempt() == null ? 1 : q.attempt(),
                q.task(),
                timeout(q.timeoutSecs()),
                Optional.ofNullable(q.runAs()));
    }

    private static Optional<Duration> timeout(Integer secs) {
        return secs == null || secs <= 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(secs));
    }

    /** The task's {@code type} member, or empty text when it has none. */
    public String type() {
        return task.get("type") instanceof String s ? s : "";
    }
}
