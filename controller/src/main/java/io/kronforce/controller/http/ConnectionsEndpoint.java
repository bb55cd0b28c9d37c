package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/connections} (docs/reference/rest.md#variables-connections-scripts,
 * docs/reference/variables-and-secrets.md); secrets always masked.
 */
final class ConnectionsEndpoint {
    private final Connections connections;

    ConnectionsEndpoint(Connections connections) {
        this.connections = connections;
    }

    void register(Routes routes) {
        routes.get("/api/connections", READ, (req, res, who) -> {
                    ArrayNode out = JsonIo.MAPPER.createArrayNode();
                    connections.list().forEach(c -> out.add(view(c)));
                    JsonIo.ok(res, out);
                })
                .get(
                        "/api/connections/{name}",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, view(connections.get(name(req)))))
                .post(
                        "/api/connections",
                        WRITE,
                        (req, res, who) ->
                                JsonIo.send(res, Status.CREATED_201, view(connections.create(who, JsonIo.object(req)))))
                .put(
                        "/api/connections/{name}",
                        WRITE,
                        (req, res, who) -> JsonIo.ok(res, view(connections.update(who, name(req), JsonIo.object(req)))))
                .delete("/api/connections/{name}", WRITE, (req, res, who) -> {
                    connections.delete(who, name(req));
                    JsonIo.noContent(res);
                })
                .post("/api/connections/{name}/test", WRITE, (req, res, who) -> {
                    Connections.TestResult r = connections.test(name(req));
                    JsonIo.ok(
                            res,
                            JsonIo.MAPPER
                                    .createObjectNode()
                                    .put("success", r.success())
                                    .put("message", r.message()));
                });
    }

    private static ObjectNode view(Connections.View c) {
        ObjectNode out = JsonIo.MAPPER
                .createObjectNode()
                .put("name", c.name())
                .put("conn_type", c.type())
                .put("description", c.description());
        out.set("config", c.config());
        return out.put("created_at", Times.format(c.createdAtMs())).put("updated_at", Times.format(c.updatedAtMs()));
    }

    private static String name(ServerRequest req) {
        return req.path().pathParameters().get("name");
    }
}
