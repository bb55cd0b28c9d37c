package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One claimed piece of work, as {@code GET /api/agent-queue/{id}/next} returns it (docs/reference/data-model.md).
 *
 * @param callbackUrl where the result goes; carries this claim's fencing token
 * @param attempt how many times this item was claimed, this claim included (our addition)
 * @param leaseSecs how long the claim holds without a heartbeat naming the execution (our addition)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueItem(
        @JsonProperty("queue_id") String queueId,
        @JsonProperty("execution_id") String executionId,
        @JsonProperty("job_id") String jobId,
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("task") Map<String, Object> task,
        @JsonProperty("run_as") String runAs,
        @JsonProperty("timeout_secs") Integer timeoutSecs,
        @JsonProperty("callback_url") String callbackUrl,

        @JsonProperty("attempt") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer attempt,

        @JsonProperty("lease_secs") @JsonInclude(JsonInclude.Include.NON_NULL)
        Integer leaseSecs) {}
