package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration of an {@code mcp} task, bound from the job's task JSON (docs/reference/task-types.md).
 *
 * @param server_url the server's Streamable HTTP endpoint, e.g. {@code https://tools.example/mcp}
 * @param tool the tool to call
 * @param arguments the tool's arguments (a JSON object), or {@code null} for none
 * @param headers beyond upstream: request headers, e.g. {@code Authorization: Bearer {{MCP_TOKEN}}}
 *     with a secret variable, for servers that need a key (ours does)
 */
public record McpTask(String server_url, String tool, JsonNode arguments, Map<String, String> headers) {
    public McpTask {
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
}
