package io.kronforce.worker.host;

import io.kronforce.worker.wire.ResultReport;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * How one hosted run ended, with its captured (capped) output. A stop's note ends {@code stderr}
 * on a line of its own.
 *
 * @param jobId as the run carried it; may be null
 * @param exitCode empty when the handler did not report one (and always after a stop)
 */
public record HostedResult(
        String executionId,
        String jobId,
        Status status,
        Integer exitCode,
        String stdout,
        String stderr,
        boolean stdoutTruncated,
        boolean stderrTruncated,
        Instant startedAt,
        Instant finishedAt) {

    /** Final statuses only; a hosted run is never reported while running. */
    public enum Status {
        SUCCEEDED("succeeded"),
        FAILED("failed"),
        TIMED_OUT("timed_out"),
        CANCELLED("cancelled");

        private final String wire;

        Status(String wire) {
            this.wire = wire;
        }

        /** Upstream's status name, as a {@link ResultReport} carries it. */
        public String wire() {
            return wire;
        }
    }

    /** The wire report a worker posts back, naming {@code agentId} as the agent that ran it. */
    public ResultReport report(String agentId) {
        return new ResultReport(
                executionId,
                jobId,
                agentId,
                status.wire(),
                exitCode,
                stdout,
                stderr,
                stdoutTruncated,
                stderrTruncated,
                DateTimeFormatter.ISO_INSTANT.format(startedAt),
                DateTimeFormatter.ISO_INSTANT.format(finishedAt));
    }
}
