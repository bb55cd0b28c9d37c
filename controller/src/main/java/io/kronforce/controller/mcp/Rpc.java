package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;

/** JSON-RPC 2.0 pieces: the error codes MCP uses, and response builders. */
final class Rpc {
    static final ObjectMapper MAPPER = JsonMapping.MAPPER;

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** MCP's code for a session the server does not know (sent with HTTP 404). */
    static final int SESSION_NOT_FOUND = -32001;
    /** MCP's code for {@code resources/read} of a URI that names nothing. */
    static final int RESOURCE_NOT_FOUND = -32002;

    private Rpc() {}

    /** A protocol-level failure of one request; becomes a JSON-RPC error object. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int code;

        Failure(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        int code() {
            return code;
        }
    }

    static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode out = envelope(id);
        out.set("result", result);
        return out;
    }

    static ObjectNode error(JsonNode id, int code, String message) {
        ObjectNode out = envelope(id);
        out.putObject("error").put("code", code).put("message", message);
        return out;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static ObjectNode envelope(JsonNode id) {
        ObjectNode out = object().put("jsonrpc", "2.0");
        out.set("id", id == null ? NullNode.instance : id);
        return out;
    }
}
