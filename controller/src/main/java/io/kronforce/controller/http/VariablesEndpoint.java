package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/** {@code /api/variables} (docs/reference/rest.md#variables-connections-scripts); secret values never leave masked. */
final class VariablesEndpoint {
    private final Variables variables;

    VariablesEndpoint(Variables variables) {
        this.variables = variables;
    }

    void register(Routes routes) {
        routes.get("/api/variables", READ, (req, res, who) -> {
                    var out = JsonIo.MAPPER.createArrayNode();
                    variables.list().forEach(v -> out.add(Views.variable(v)));
                    JsonIo.ok(res, out);
                })
                .get(
                        "/api/variables/{name}",
                        READ,
                        (req, res, who) -> JsonIo.ok(res, Views.variable(variables.get(name(req)))))
                .post("/api/variables", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    JsonIo.send(
                            res,
                            Status.CREATED_201,
                            Views.variable(variables.create(
                                    who,
                                    BodyFields.text(body, "name", true),
                                    BodyFields.text(body, "value", true),
                                    bool(body),
                                    expiresAt(body))));
                })
                .put(
                        "/api/variables/{name}",
                        WRITE,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                Views.variable(variables.update(
                                        who, name(req), BodyFields.text(JsonIo.object(req), "value", true)))))
                .delete("/api/variables/{name}", WRITE, (req, res, who) -> {
                    variables.delete(who, name(req));
                    JsonIo.noContent(res);
                });
    }

    private static String name(io.helidon.webserver.http.ServerRequest req) {
        return req.path().pathParameters().get("name");
    }

    private static boolean bool(ObjectNode body) {
        JsonNode v = body.get("secret");
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw BodyFields.wrongType("secret", "true or false");
        }
        return v.asBoolean();
    }

    private static Long expiresAt(ObjectNode body) {
        String v = BodyFields.text(body, "expires_at", false);
        return v == null
                ? null
                : Times.parse(v)
                        .orElseThrow(() -> new KronforceException.InvalidInput(
                                "/expires_at", "expires_at must be an RFC 3339 timestamp"));
    }
}
