package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.system.SystemStatus;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The MCP methods behind the transport: one JSON-RPC request in, its result or error out. Knows
 * nothing of HTTP; {@link McpEndpoint} owns headers, sessions and framing.
 */
final class McpServer {
    /** Protocol revisions we speak, newest first; {@code initialize} answers the client's if listed, else the first. */
    static final List<String> VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");

    private static final Logger LOG = Logger.getLogger(McpServer.class.getName());

    private final ToolCatalog tools;
    private final McpResources resources;
    private final McpPrompts prompts;

    McpServer(ToolCatalog tools, McpResources resources, McpPrompts prompts) {
        this.tools = tools;
        this.resources = resources;
        this.prompts = prompts;
    }

    static String negotiate(JsonNode params) {
        String asked = params.path("protocolVersion").asText("");
        return VERSIONS.contains(asked) ? asked : VERSIONS.getFirst();
    }

    static ObjectNode initializeResult(String version) {
        ObjectNode out = Rpc.object().put("protocolVersion", version);
        ObjectNode caps = out.putObject("capabilities");
        caps.putObject("tools").put("listChanged", false);
        caps.putObject("resources").put("subscribe", false).put("listChanged", false);
        caps.putObject("prompts").put("listChanged", false);
        out.putObject("serverInfo")
                .put("name", "kronforce")
                .put("title", "Kronforce")
                .put("version", SystemStatus.VERSION);
        return out.put(
                "instructions",
                "Kronforce schedules and runs jobs. Tools you may use depend on your API key's "
                        + "role; changes you make are validated and audited as through the REST API, and jobs that require "
                        + "approval wait for it. Use validate_job before create_job, and explain_failure to diagnose runs.");
    }

    /** Answers one request (never a notification) on behalf of {@code caller}. */
    ObjectNode answer(Principal caller, ObjectNode request) {
        JsonNode id = request.get("id");
        try {
            return Rpc.result(id, call(caller, request.get("method").asText(), params(request)));
        } catch (Rpc.Failure f) {
            return Rpc.error(id, f.code(), f.getMessage());
        } catch (RuntimeException e) {
            String ref = java.util.UUID.randomUUID().toString();
            LOG.log(
                    Level.SEVERE,
                    "MCP request " + ref + " (" + request.get("method").asText() + ") failed",
                    e);
            return Rpc.error(id, Rpc.INTERNAL_ERROR, "Internal error (reference " + ref + ")");
        }
    }

    private JsonNode call(Principal caller, String method, ObjectNode params) {
        return switch (method) {
            case "ping" -> Rpc.object();
            case "tools/list" -> {
                ObjectNode out = Rpc.object();
                out.set("tools", tools.list(caller));
                yield out;
            }
            case "tools/call" -> tools.call(viaMcp(caller), text(params, "name"), ToolCatalog.arguments(params));
            case "resources/list" -> resources.list(caller);
            case "resources/templates/list" -> resources.templates();
            case "resources/read" -> resources.read(caller, text(params, "uri"));
            case "prompts/list" -> prompts.list();
            case "prompts/get" -> prompts.get(caller, text(params, "name"), params.get("arguments"));
            case "initialize" -> throw new Rpc.Failure(Rpc.INVALID_REQUEST, "this session is already initialized");
            default -> throw new Rpc.Failure(Rpc.METHOD_NOT_FOUND, "Method not found: " + method);
        };
    }

    /**
     * The caller as audit, event and version rows name it: the key's own identity with the channel
     * added to its name, so "who changed this" also says it came through MCP.
     */
    static Principal viaMcp(Principal p) {
        String name = (p.keyName() == null ? "" : p.keyName() + " ") + "(via MCP)";
        return new Principal(p.keyId(), name, p.role(), p.allowedGroups());
    }

    private static ObjectNode params(ObjectNode request) {
        JsonNode params = request.get("params");
        if (params == null || params.isNull()) {
            return Rpc.object();
        }
        if (!params.isObject()) {
            throw new Rpc.Failure(Rpc.INVALID_PARAMS, "params must be an object");
        }
        return (ObjectNode) params;
    }

    private static String text(ObjectNode params, String name) {
        JsonNode v = params.get(name);
        if (v == null || !v.isTextual()) {
            throw new Rpc.Failure(Rpc.INVALID_PARAMS, "params." + name + " must be a string");
        }
        return v.asText();
    }
}
