package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/agents/{id}/heartbeat}. Both fields are required. The running
 * executions renew the leases of the queue items the agent holds.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Heartbeat(
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("running_executions") List<String> runningExecutions) {}
