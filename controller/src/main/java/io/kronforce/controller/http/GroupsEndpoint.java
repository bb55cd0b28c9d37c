package io.kronforce.controller.http;

import static io.kronforce.controller.domain.Access.READ;
import static io.kronforce.controller.domain.Access.WRITE;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.Routes;

/**
 * {@code /api/jobs/groups}, {@code bulk-group}, {@code rename-group} and
 * {@code pipeline-schedule/{group}} (docs/reference/rest.md#groups-and-pipelines). Registered before
 * {@code /api/jobs/{id}} so the fixed paths win.
 */
final class GroupsEndpoint {
    private final Groups groups;

    GroupsEndpoint(Groups groups) {
        this.groups = groups;
    }

    void register(Routes routes) {
        routes.get("/api/jobs/groups", READ, (req, res, who) -> {
                    ArrayNode out = JsonIo.MAPPER.createArrayNode();
                    groups.list(who).forEach(out::add);
                    JsonIo.ok(res, out);
                })
                .post(
                        "/api/jobs/groups",
                        WRITE,
                        (req, res, who) -> JsonIo.send(
                                res,
                                Status.CREATED_201,
                                JsonIo.MAPPER
                                        .createObjectNode()
                                        .put(
                                                "name",
                                                groups.create(
                                                        who, JsonIo.object(req).get("name")))))
                .put("/api/jobs/bulk-group", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    updated(res, groups.moveJobs(who, body.get("job_ids"), body.get("group")));
                })
                .put("/api/jobs/rename-group", WRITE, (req, res, who) -> {
                    ObjectNode body = JsonIo.object(req);
                    updated(res, groups.rename(who, body.get("old_name"), body.get("new_name")));
                })
                .get(
                        "/api/jobs/pipeline-schedule/{group}",
                        READ,
                        (req, res, who) -> JsonIo.ok(
                                res, groups.pipelineSchedule(who, group(req)).orElse(NullNode.instance)))
                .put(
                        "/api/jobs/pipeline-schedule/{group}",
                        WRITE,
                        (req, res, who) -> JsonIo.ok(
                                res,
                                JsonIo.MAPPER
                                        .createObjectNode()
                                        .put("status", "ok")
                                        .put("group", groups.setPipeline(who, group(req), JsonIo.object(req)))))
                .delete("/api/jobs/pipeline-schedule/{group}", WRITE, (req, res, who) -> {
                    groups.clearPipeline(who, group(req));
                    JsonIo.noContent(res);
                });
    }

    private static void updated(io.helidon.webserver.http.ServerResponse res, int count) {
        JsonIo.ok(res, JsonIo.MAPPER.createObjectNode().put("updated", count));
    }

    private static String group(ServerRequest req) {
        return req.path().pathParameters().get("group");
    }
}
