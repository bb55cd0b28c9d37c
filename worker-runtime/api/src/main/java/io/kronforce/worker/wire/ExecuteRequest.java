package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The body of a push agent's {@code POST /execute} (docs/reference/agent-protocol.md).
 *
 * @param task the task object as the job defines it, placeholders resolved
 * @param timeoutSecs null for no deadline
 * @param callbackUrl where the agent posts its {@link ResultReport}; carries the lease token
 * @param attempt 1 for a first run (our addition; upstream agents ignore it)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExecuteRequest(
        @JsonProperty("execution_id") String executionId,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("task") Map<String, Object> task,
        @JsonProperty("run_as") String runAs,
        @JsonProperty("timeout_secs") Integer timeoutSecs,
        @JsonProperty("callback_url") String callbackUrl,

        @JsonProperty("attempt") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer attempt,

        @JsonProperty("protocol_version") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer protocolVersion) {}
