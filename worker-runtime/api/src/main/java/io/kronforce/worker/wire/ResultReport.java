package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a remote run ended: the body of {@code POST /api/callbacks/execution-result}
 * (docs/reference/agent-protocol.md#result-callback), sent by both agent kinds. All fields but {@code exit_code} are
 * required.
 *
 * @param status {@code succeeded}, {@code failed}, {@code timed_out} or {@code cancelled}
 * @param startedAt RFC 3339
 * @param finishedAt RFC 3339
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultReport(
        @JsonProperty("execution_id") String executionId,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("status") String status,
        @JsonProperty("exit_code") Integer exitCode,
        @JsonProperty("stdout") String stdout,
        @JsonProperty("stderr") String stderr,
        @JsonProperty("stdout_truncated") boolean stdoutTruncated,
        @JsonProperty("stderr_truncated") boolean stderrTruncated,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt) {

    /** The statuses a result may carry; anything else is refused. */
    public static final java.util.Set<String> STATUSES =
            java.util.Set.of("succeeded", "failed", "timed_out", "cancelled");
}
