package io.kronforce.controller.mcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Principal;

/**
 * One MCP tool: its listing (name, schemas, hints) and the one app-layer call behind it.
 *
 * @param outputSchema the schema of {@code structuredContent}, or null when the tool returns text only
 * @param access       the least role that may list and call it ({@link Access#READ} or {@link Access#WRITE})
 */
record Tool(
        String name,
        String title,
        String description,
        ObjectNode inputSchema,
        ObjectNode outputSchema,
        Access access,
        Hints hints,
        Handler handler) {

    /** The behaviour hints MCP clients show or act on (for example asking before a destructive call). */
    record Hints(boolean readOnly, boolean destructive, boolean idempotent) {
        static final Hints READ = new Hints(true, false, true);
        static final Hints CHANGE = new Hints(false, false, false);
        static final Hints IDEMPOTENT_CHANGE = new Hints(false, false, true);
        static final Hints DESTRUCTIVE = new Hints(false, true, true);
    }

    /** What a call produced: text for every client, and the structured form when the tool declares one. */
    record Output(String text, ObjectNode structured) {
        static Output structured(ObjectNode content) {
            return new Output(content.toPrettyString(), content);
        }
    }

    /** The tool's body. Throws {@code KronforceException} or {@link Args.Bad} for a failure the caller should read. */
    @FunctionalInterface
    interface Handler {
        Output call(Principal caller, Args args);
    }

    ObjectNode listing() {
        ObjectNode out = Rpc.object().put("name", name).put("title", title).put("description", description);
        out.set("inputSchema", inputSchema);
        if (outputSchema != null) {
            out.set("outputSchema", outputSchema);
        }
        out.putObject("annotations")
                .put("title", title)
                .put("readOnlyHint", hints.readOnly())
                .put("destructiveHint", hints.destructive())
                .put("idempotentHint", hints.idempotent())
                .put("openWorldHint", false);
        return out;
    }
}
