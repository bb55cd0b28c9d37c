package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The controller's answer to a registration: the agent's id and how often it must heartbeat. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RegistrationAck(
        @JsonProperty("agent_id") String agentId,
        @JsonProperty("heartbeat_interval_secs") int heartbeatIntervalSecs) {}
