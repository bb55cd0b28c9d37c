package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.ADMIN;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.portability.DataWipe;
import io.kronforce.controller.portability.ImportItem;
import io.kronforce.controller.portability.ImportResult;
import io.kronforce.controller.portability.Portability;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.Routes;
import java.util.Map;

/**
 * {@code /api/data/…} (admin; docs/reference/rest.md#data-export-import-and-delete-all): export,
 * import (with {@code ?dry_run=true}) and delete-all behind upstream's confirmation header.
 */
final class DataEndpoint {
    static final String CONFIRM_HEADER = "X-Confirm-Delete";
    static final String CONFIRM_VALUE = "yes-delete-all-data";
    private static final HeaderName CONFIRM = HeaderNames.create(CONFIRM_HEADER);

    private final Portability data;

    DataEndpoint(Portability data) {
        this.data = data;
    }

    void register(Routes routes) {
        routes.get(
                        "/api/data/export",
                        ADMIN,
                        (req, res, who) -> JsonIo.ok(res, data.export().export(who, flag(req, "include_secrets"))))
                .post("/api/data/import", ADMIN, (req, res, who) -> {
                    boolean dryRun = flag(req, "dry_run");
                    JsonIo.ok(res, view(data.imports().run(who, JsonIo.object(req), dryRun)));
                })
                .delete("/api/data/delete", ADMIN, (req, res, who) -> {
                    String confirm = req.headers().value(CONFIRM).orElse("");
                    if (!CONFIRM_VALUE.equals(confirm)) {
                        throw new KronforceException.InvalidInput(
                                "set header " + CONFIRM_HEADER + ": " + CONFIRM_VALUE + " to confirm");
                    }
                    DataWipe.Removed removed = data.wipe().deleteAll(who);
                    ObjectNode out = JsonIo.MAPPER.createObjectNode().put("deleted", true);
                    out.put("jobs_removed", removed.jobs());
                    ObjectNode rows = out.putObject("removed");
                    removed.rows().forEach(rows::put);
                    JsonIo.ok(res, out);
                });
    }

    /** A {@code true}/{@code false} query parameter; absent is false, anything else a 400. */
    private static boolean flag(ServerRequest req, String name) {
        String v = Query.text(req, name);
        if (v == null || v.equals("false")) {
            return false;
        }
        if (v.equals("true")) {
            return true;
        }
        throw new KronforceException.InvalidInput(name, name + " must be true or false");
    }

    private static ObjectNode view(ImportResult r) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode();
        out.put("status", r.refused() ? "refused" : "ok").put("dry_run", r.dryRun());
        out.set("imported", counts(r.imported()));
        out.set("skipped", counts(r.skipped()));
        ArrayNode items = out.putArray("items");
        for (ImportItem i : r.items()) {
            items.addObject()
                    .put("section", i.section())
                    .put("name", i.name())
                    .put("id", i.id())
                    .put("action", i.action().wire())
                    .put("reason", i.reason())
                    .put("pointer", i.pointer());
        }
        return out;
    }

    private static ObjectNode counts(Map<String, Integer> counts) {
        ObjectNode out = JsonIo.MAPPER.createObjectNode();
        counts.forEach(out::put);
        return out;
    }
}
