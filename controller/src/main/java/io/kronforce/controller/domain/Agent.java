package io.kronforce.controller.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A registered worker (docs/reference/data-model.md#agent). {@code taskTypes} and {@code systemInfo} are kept in
 * their wire form (JSON), validated when they arrive.
 *
 * @param agentType {@code standard} (the controller pushes to it) or {@code custom} (it pulls work)
 * @param status {@code online} or {@code offline}
 * @param tls the agent serves https (it registered {@code "tls": true}, our addition; decision 0050)
 */
public record Agent(
        String id,
        String name,
        List<String> tags,
        String hostname,
        String address,
        int port,
        String agentType,
        String status,
        long lastHeartbeatMs,
        long registeredAtMs,
        JsonNode taskTypes,
        JsonNode systemInfo,
        boolean tls) {
    public static final String STANDARD = "standard";
    public static final String CUSTOM = "custom";
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";

    public Agent {
        tags = List.copyOf(tags);
    }

    public boolean online() {
        return ONLINE.equals(status);
    }

    public boolean pulls() {
        return CUSTOM.equals(agentType);
    }
}
