package io.kronforce.controller.http.dashboard;

import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.dashboard.BulkActions;
import io.kronforce.controller.web.BodyFields;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/jobs/bulk/preview} and {@code POST /api/jobs/bulk}: safe bulk actions with a
 * preview and one result per job (docs/DASHBOARD_API.md).
 */
final class BulkEndpoint {
    private final BulkActions bulk;

    BulkEndpoint(BulkActions bulk) {
        this.bulk = bulk;
    }

    void register(Routes routes) {
        routes.post("/api/jobs/bulk/preview", WRITE, (req, res, who) -> {
                    BulkActions.Request r = request(JsonIo.object(req));
                    ObjectNode out = JsonIo.MAPPER
                            .createObjectNode()
                            .put("action", r.action().wire());
                    ArrayNode items = JsonIo.MAPPER.createArrayNode();
                    int touched = 0;
                    for (BulkActions.PreviewItem i : bulk.preview(who, r)) {
                        items.addObject()
                                .put("job_id", i.jobId())
                                .put("name", i.name())
                                .put("group", i.group())
                                .put("status", i.status())
                                .put("effect", i.effect())
                                .put("left_alone", i.leftAlone());
                        touched += i.leftAlone() == null ? 1 : 0;
                    }
                    out.put("total", items.size()).put("will_change", touched);
                    out.set("items", items);
                    JsonIo.ok(res, out);
                })
                .post("/api/jobs/bulk", WRITE, (req, res, who) -> {
                    BulkActions.Request r = request(JsonIo.object(req));
                    ArrayNode results = JsonIo.MAPPER.createArrayNode();
                    int ok = 0;
                    int failed = 0;
                    int leftAlone = 0;
                    for (BulkActions.Result x : bulk.apply(who, r)) {
                        ObjectNode item = results.addObject()
                                .put("job_id", x.jobId())
                                .put("name", x.name())
                                .put("ok", x.ok())
                                .put("left_alone", x.leftAlone());
                        if (x.ok()) {
                            item.put("detail", x.detail());
                            if (x.executionId() != null) {
                                item.put("execution_id", x.executionId());
                            }
                        } else {
                            item.put("status", x.httpStatus()).put("error", x.problem());
                        }
                        ok += x.ok() && !x.leftAlone() ? 1 : 0;
                        failed += x.ok() ? 0 : 1;
                        leftAlone += x.leftAlone() ? 1 : 0;
                    }
                    ObjectNode out = JsonIo.MAPPER
                            .createObjectNode()
                            .put("action", r.action().wire())
                            .put("succeeded", ok)
                            .put("failed", failed)
                            .put("left_alone", leftAlone);
                    out.set("results", results);
                    JsonIo.ok(res, out);
                });
    }

    private static BulkActions.Request request(ObjectNode body) {
        BulkActions.Action action = BulkActions.Request.action(BodyFields.text(body, "action", true));
        List<String> ids = null;
        JsonNode idsNode = body.get("job_ids");
        if (idsNode != null && !idsNode.isNull()) {
            if (!idsNode.isArray()) {
                throw BodyFields.wrongType("job_ids", "an array of job ids");
            }
            ids = new ArrayList<>();
            for (JsonNode id : idsNode) {
                if (!id.isTextual()) {
                    throw BodyFields.wrongType("job_ids", "an array of job ids");
                }
                ids.add(id.asText());
            }
        }
        BulkActions.Filter filter = null;
        JsonNode f = body.get("filter");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                throw BodyFields.wrongType("filter", "an object with search, group and status");
            }
            ObjectNode o = (ObjectNode) f;
            filter = new BulkActions.Filter(
                    BodyFields.text(o, "status", false),
                    BodyFields.text(o, "search", false),
                    BodyFields.text(o, "group", false));
        }
        return new BulkActions.Request(action, ids, filter, BodyFields.text(body, "group", false));
    }
}
