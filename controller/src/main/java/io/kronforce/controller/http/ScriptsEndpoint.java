package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.domain.listing.ScriptSummary;
import io.kronforce.controller.domain.listing.StoredScript;
import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/scripts} (docs/reference/rest.md#variables-connections-scripts): upstream's shapes; names are keys, PUT
 * creates or replaces.
 */
final class ScriptsEndpoint {
    private final Scripts scripts;

    ScriptsEndpoint(Scripts scripts) {
        this.scripts = scripts;
    }

    void register(Routes routes) {
        routes.get("/api/scripts", READ, (req, res, who) -> {
                    ArrayNode out = JsonIo.MAPPER.createArrayNode();
                    scripts.list().forEach(s -> out.add(summary(s)));
                    JsonIo.ok(res, out);
                })
                .get("/api/scripts/{name}", READ, (req, res, who) -> {
                    StoredScript s = scripts.get(name(req));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("name", s.summary().name())
                                    .put("script_type", s.summary().type())
                                    .put("code", s.code())
                                    .put("size", s.summary().sizeBytes()));
                })
                .put("/api/scripts/{name}", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    String name = name(req);
                    scripts.save(
                            who,
                            name,
                            BodyFields.text(body, "code", true),
                            BodyFields.text(body, "script_type", false));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER.createObjectNode().put("status", "ok").put("name", name));
                })
                .delete("/api/scripts/{name}", WRITE, (req, res, who) -> {
                    scripts.delete(who, name(req));
                    JsonIo.noContent(res);
                });
    }

    private static ObjectNode summary(ScriptSummary s) {
        return JsonIo.MAPPER
                .createObjectNode()
                .put("name", s.name())
                .put("script_type", s.type())
                .put("size", s.sizeBytes())
                .put("modified", Times.format(s.updatedAtMs()));
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }
}
