package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code /api/settings}: a flat string map; secret-bearing values masked for every role. */
final class SettingsEndpoint {
    private final Settings settings;

    SettingsEndpoint(Settings settings) {
        this.settings = settings;
    }

    void register(Routes routes) {
        routes.get("/api/settings", READ, (req, res, who) -> JsonIo.ok(res, settings.masked()))
                .put("/api/settings", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    Map<String, String> values = new LinkedHashMap<>();
                    body.properties().forEach(f -> {
                        if (!f.getValue().isTextual()) {
                            throw BodyFields.wrongType(f.getKey(), "a string");
                        }
                        values.put(f.getKey(), f.getValue().asText());
                    });
                    settings.put(who, values);
                    JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("status", "ok"));
                });
    }
}
