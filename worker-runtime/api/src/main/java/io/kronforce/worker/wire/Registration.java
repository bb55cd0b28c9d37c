package io.kronforce.worker.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code POST /api/agents/register} (docs/reference/agent-protocol.md). Agents are identified by
 * {@code name}: registering again keeps the id.
 *
 * @param agentType {@code standard} (push: the controller calls the agent) or {@code custom} (pull)
 * @param taskTypes null for standard agents; custom agents may advertise the types they take
 * @param tls ours: the agent serves https on {@code port}, so the controller dials it with https
 *     (upstream dials https only on port 443). Omitted when false; upstream controllers ignore it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Registration(
        @JsonProperty("name") String name,
        @JsonProperty("tags") List<String> tags,
        @JsonProperty("hostname") String hostname,
        @JsonProperty("address") String address,
        @JsonProperty("port") int port,
        @JsonProperty("agent_type") String agentType,
        @JsonProperty("task_types") List<TaskTypeDefinition> taskTypes,

        @JsonProperty("system_info") @JsonInclude(JsonInclude.Include.NON_NULL)
        SystemInfo systemInfo,

        @JsonProperty("tls") @JsonInclude(JsonInclude.Include.NON_DEFAULT)
        boolean tls) {

    /** What the agent runs on; every field optional. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SystemInfo(
            @JsonProperty("os") String os,
            @JsonProperty("arch") String arch,
            @JsonProperty("cpus") Integer cpus,
            @JsonProperty("memory_mb") Long memoryMb,
            @JsonProperty("os_version") String osVersion,
            @JsonProperty("agent_version") String agentVersion) {}
}
