package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.ADMIN;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.views.Views;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /api/keys} (admin; docs/reference/rest.md#identity-and-api-keys). {@code /api/auth/me} is in
 * {@link SessionsEndpoint}.
 */
final class KeysEndpoint {
    private final ApiKeys keys;

    KeysEndpoint(ApiKeys keys) {
        this.keys = keys;
    }

    void register(Routes routes) {
        routes.get("/api/keys", ADMIN, (req, res, who) -> {
                    var out = JsonIo.MAPPER.createArrayNode();
                    keys.list().forEach(k -> out.add(Views.key(k)));
                    JsonIo.ok(res, out);
                })
                .post("/api/keys", ADMIN, (req, res, who) -> {
                    ApiKeys.Created created = keys.create(who, newKey(JsonIo.object(req)));
                    ObjectNode out = JsonIo.MAPPER.createObjectNode();
                    out.set("key", Views.key(created.key()));
                    out.put("raw_key", created.raw());
                    JsonIo.send(res, Status.OK_200, out);
                })
                .delete("/api/keys/{id}", ADMIN, (req, res, who) -> {
                    keys.revoke(who, req.path().pathParameters().get("id"));
                    JsonIo.noContent(res);
                });
    }

    private static ApiKeys.NewKey newKey(ObjectNode body) {
        String name = BodyFields.text(body, "name", true);
        String roleText = BodyFields.text(body, "role", true);
        Role role = Role.parse(roleText)
                .orElseThrow(() -> new KronforceException.InvalidInput(
                        "/role", "unknown role '" + roleText + "' (expected admin, operator, viewer or agent)"));
        String expires = BodyFields.text(body, "expires_at", false);
        Long expiresAt = expires == null
                ? null
                : Times.parse(expires)
                        .orElseThrow(() -> new KronforceException.InvalidInput(
                                "/expires_at", "expires_at must be an RFC 3339 timestamp"));
        return new ApiKeys.NewKey(
                name, role, strings(body, "allowed_groups"), strings(body, "ip_allowlist"), expiresAt);
    }

    private static List<String> strings(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw BodyFields.wrongType(field, "an array of strings");
        }
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw BodyFields.wrongType(field, "an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }
}
