package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC message as the transport sees it: a request (method and id), a notification
 * (method, no id) or the client's response (result or error). {@code problem} says why it is not
 * a valid message; the endpoint answers -32600 then.
 */
record Message(ObjectNode body, JsonNode id, String method, String problem) {

    static Message of(JsonNode node) {
        if (node.isArray()) {
            // 2025-06-18 removed batching and no current client sends one; refusing is explicit.
            return invalid(null, null, "JSON-RPC batches are not supported: send one message per request");
        }
        if (!node.isObject()) {
            return invalid(null, null, "Invalid Request: a JSON-RPC message must be an object");
        }
        ObjectNode body = (ObjectNode) node;
        JsonNode id = body.get("id");
        if (id != null && !id.isTextual() && !id.isIntegralNumber()) {
            return invalid(body, null, "Invalid Request: id must be a string or an integer");
        }
        if (!"2.0".equals(body.path("jsonrpc").asText(null))) {
            return invalid(body, id, "Invalid Request: jsonrpc must be \"2.0\"");
        }
        JsonNode method = body.get("method");
        if (method == null) {
            boolean response = id != null && (body.has("result") || body.has("error"));
            return response
                    ? new Message(body, id, null, null)
                    : invalid(body, id, "Invalid Request: method is required");
        }
        if (!method.isTextual()) {
            return invalid(body, id, "Invalid Request: method must be a string");
        }
        return new Message(body, id, method.asText(), null);
    }

    private static Message invalid(ObjectNode body, JsonNode id, String problem) {
        return new Message(body, id, null, problem);
    }

    /** A request expects an answer; notifications and responses do not. */
    boolean isRequest() {
        return method != null && id != null;
    }

    boolean isInitialize() {
        return isRequest() && method.equals("initialize");
    }
}
