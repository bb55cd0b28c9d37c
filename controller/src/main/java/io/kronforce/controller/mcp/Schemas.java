package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small builders for the JSON Schemas of tool inputs and outputs. */
final class Schemas {
    private Schemas() {}

    /** An object schema; add properties with {@link #prop} and {@link #required}. */
    static ObjectNode object() {
        ObjectNode s = Rpc.object().put("type", "object");
        s.putObject("properties");
        return s;
    }

    static ObjectNode prop(ObjectNode schema, String name, String type, String description) {
        ((ObjectNode) schema.get("properties"))
                .putObject(name)
                .put("type", type)
                .put("description", description);
        return schema;
    }

    /** An integer property with upstream's {@code default}. */
    static ObjectNode limit(ObjectNode schema, String description, int fallback) {
        ((ObjectNode) schema.get("properties"))
                .putObject("limit")
                .put("type", "integer")
                .put("description", description)
                .put("default", fallback);
        return schema;
    }

    static ObjectNode required(ObjectNode schema, String... names) {
        var req = schema.putArray("required");
        for (String n : names) {
            req.add(n);
        }
        return schema;
    }

    /** An output schema: an object whose {@code key} is an array of objects. */
    static ObjectNode listOf(String key) {
        ObjectNode s = object();
        ((ObjectNode) s.get("properties"))
                .putObject(key)
                .put("type", "array")
                .putObject("items")
                .put("type", "object");
        return required(s, key);
    }
}
