package io.kronforce.task.mcp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A {@code tools/call} result as output lines (docs/reference/mcp.md#the-mcp-task): {@code text} items verbatim, images
 * and audio as {@code [image: mime]}, resources as {@code [resource: uri]}, anything else as
 * {@code [<type>: ...]}; one line each.
 */
final class ToolResults {
    private ToolResults() {}

    static String text(JsonNode result) {
        StringBuilder out = new StringBuilder();
        for (JsonNode item : result.path("content")) {
            String type = item.path("type").asText("");
            String line = switch (type) {
                case "text" -> item.path("text").asText("");
                case "image", "audio" ->
                    "[" + type + ": " + item.path("mimeType").asText("?") + "]";
                case "resource" ->
                    "[resource: " + item.path("resource").path("uri").asText("?") + "]";
                case "resource_link" -> "[resource: " + item.path("uri").asText("?") + "]";
                default -> "[" + type + ": ...]";
            };
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
