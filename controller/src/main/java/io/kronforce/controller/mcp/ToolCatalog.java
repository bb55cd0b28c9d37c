package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.StoreConflictException;
import io.kronforce.controller.domain.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The tool table: lists the tools a role may use and runs a call. A tool that does not exist is a
 * JSON-RPC error (-32602, as the specification lists unknown tools among protocol errors); a tool
 * above the caller's role, bad arguments and every refusal of the app layer are tool results with
 * {@code isError}, so the model reads the reason and can correct itself.
 */
final class ToolCatalog {
    private final Map<String, Tool> tools = new LinkedHashMap<>();

    ToolCatalog(List<Tool> all) {
        all.forEach(t -> tools.put(t.name(), t));
    }

    /**
     * Tools that answer about the whole controller rather than jobs (counts across every group): a key scoped to
     * some groups neither lists nor calls them (docs/SECURITY.md#group-scoping).
     */
    static final Set<String> CONTROLLER_WIDE = Set.of("get_system_stats");

    ArrayNode list(Principal caller) {
        ArrayNode out = Rpc.MAPPER.createArrayNode();
        tools.values().stream().filter(t -> usable(t, caller)).forEach(t -> out.add(t.listing()));
        return out;
    }

    private static boolean usable(Tool t, Principal caller) {
        return t.access().allows(caller.role())
                && (caller.scope().unrestricted() || !CONTROLLER_WIDE.contains(t.name()));
    }

    ObjectNode call(Principal caller, String name, ObjectNode arguments) {
        Tool tool = tools.get(name);
        if (tool == null) {
            throw new Rpc.Failure(Rpc.INVALID_PARAMS, "Unknown tool: " + name);
        }
        if (!tool.access().allows(caller.role())) {
            return failed("Insufficient permissions for this tool: " + name + " requires the "
                    + (tool.access() == Access.WRITE ? "operator or admin" : "viewer, operator or admin") + " role");
        }
        if (!usable(tool, caller)) {
            return failed(
                    "This API key is limited to some job groups; " + name + " answers about the whole controller");
        }
        try {
            Tool.Output out = tool.handler().call(caller, new Args(arguments));
            ObjectNode result = Rpc.object();
            result.putArray("content").addObject().put("type", "text").put("text", out.text());
            if (out.structured() != null) {
                result.set("structuredContent", out.structured());
            }
            return result.put("isError", false);
        } catch (KronforceException e) {
            return failed(describe(e));
        } catch (Args.Bad e) {
            return failed(e.getMessage());
        } catch (StoreUnavailableException e) {
            return failed("database busy, retry shortly");
        } catch (StoreConflictException e) {
            return failed("conflicts with an existing record");
        }
    }

    static ObjectNode failed(String text) {
        ObjectNode result = Rpc.object();
        result.putArray("content").addObject().put("type", "text").put("text", text);
        return result.put("isError", true);
    }

    /** The app layer's message plus its field errors, which name what to fix. */
    static String describe(KronforceException e) {
        if (e instanceof KronforceException.InvalidInput invalid
                && !invalid.errors().isEmpty()) {
            String fields = invalid.errors().stream()
                    .filter(f -> !f.message().equals(e.getMessage()))
                    .map(f -> (f.pointer().isEmpty() ? "" : f.pointer() + ": ") + f.message())
                    .collect(Collectors.joining("; "));
            return fields.isEmpty() ? e.getMessage() : e.getMessage() + " (" + fields + ")";
        }
        return e.getMessage();
    }

    /** A JSON value the app layer wants: the arguments object, never null. */
    static ObjectNode arguments(JsonNode params) {
        JsonNode args = params.get("arguments");
        if (args == null || args.isNull()) {
            return Rpc.object();
        }
        if (!args.isObject()) {
            throw new Rpc.Failure(Rpc.INVALID_PARAMS, "tools/call arguments must be an object");
        }
        return (ObjectNode) args;
    }
}
