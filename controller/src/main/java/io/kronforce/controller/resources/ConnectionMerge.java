package io.kronforce.controller.resources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;

/**
 * Fills a task from its named connection (docs/reference/variables-and-secrets.md#connections), the way upstream does:
 * connection values only fill fields that are absent, null or empty (what the task says wins); for HTTP, {@code
 * base_url} is put before a task URL that starts with {@code /}, and {@code auth_type} bearer,
 * basic or header adds an auth header unless the task has an {@code Authorization} header.
 * Pure: works on copies.
 */
public final class ConnectionMerge {
    /** Connection keys that steer the merge rather than fill a task field. */
    private static final Set<String> HTTP_ONLY =
            Set.of("base_url", "auth_type", "token", "username", "password", "header_name", "header_value");

    private ConnectionMerge() {}

    public static ObjectNode merge(ObjectNode task, String type, ObjectNode config) {
        ObjectNode out = task.deepCopy();
        boolean http = "http".equals(type);
        config.properties().forEach(f -> {
            if (!(http && HTTP_ONLY.contains(f.getKey())) && blank(out.get(f.getKey()))) {
                out.set(f.getKey(), f.getValue());
            }
        });
        if (http) {
            http(out, config);
        }
        return out;
    }

    private static void http(ObjectNode task, ObjectNode config) {
        String base = config.path("base_url").asText("");
        String url = task.path("url").asText("");
        if (!base.isEmpty() && url.startsWith("/")) {
            task.put("url", base.replaceAll("/+$", "") + url);
        }
        ObjectNode headers = task.has("headers") && task.get("headers").isObject()
                ? (ObjectNode) task.get("headers")
                : task.putObject("headers");
        boolean hasAuthorization = false;
        for (String name : (Iterable<String>) headers::fieldNames) {
            hasAuthorization |= name.equalsIgnoreCase("authorization");
        }
        if (hasAuthorization) {
            return;
        }
        switch (config.path("auth_type").asText("")) {
            case "bearer" ->
                headers.put("Authorization", "Bearer " + config.path("token").asText(""));
            case "basic" ->
                headers.put(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((config.path("username").asText("") + ":"
                                                        + config.path("password")
                                                                .asText(""))
                                                .getBytes(StandardCharsets.UTF_8)));
            case "header" ->
                headers.put(
                        config.path("header_name").asText("X-API-Key"),
                        config.path("header_value").asText(""));
            default -> {}
        }
        if (headers.isEmpty()) {
            task.remove("headers");
        }
    }

    private static boolean blank(JsonNode v) {
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }
}
